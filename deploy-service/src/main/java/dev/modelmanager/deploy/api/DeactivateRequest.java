package dev.modelmanager.deploy.api;

import dev.modelmanager.deploy.domain.DeactivateMode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Take a deployment out of service. */
public record DeactivateRequest(
    @Schema(description = "SCALE_TO_ZERO keeps the InferenceService, DELETE removes it") @NotNull
        DeactivateMode mode,
    @Size(max = 500) String reason) {}
