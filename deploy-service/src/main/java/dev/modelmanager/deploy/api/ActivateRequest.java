package dev.modelmanager.deploy.api;

import dev.modelmanager.deploy.domain.RolloutStrategy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Put a catalog entry into service. */
public record ActivateRequest(
    @Schema(example = "qwen2-5-0-5b") @NotBlank @Pattern(regexp = DeploymentNames.ENTRY_ID)
        String entry,
    @Schema(description = "RECREATE or ROLLING_UPDATE; chosen from the GPU capacity when absent")
        RolloutStrategy strategy,
    @Schema(example = "new context length") @Size(max = 500) String reason,
    @Schema(description = "Go back to the last READY revision if this one fails")
        Boolean autoRollback) {}
