package dev.modelmanager.deploy.api;

import dev.modelmanager.deploy.domain.RolloutStrategy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an activation would do, without doing it. */
public record DryRunRequest(
    @Schema(example = "qwen2-5-0-5b") @NotBlank @Pattern(regexp = DeploymentNames.ENTRY_ID)
        String entry,
    RolloutStrategy strategy) {}
