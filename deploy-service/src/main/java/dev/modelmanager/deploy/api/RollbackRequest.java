package dev.modelmanager.deploy.api;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Re-apply an earlier revision's manifest. */
public record RollbackRequest(
    @Schema(description = "The revision to go back to; the previous READY one when absent") @Min(1)
        Integer toRevision,
    @Size(max = 500) String reason) {}
