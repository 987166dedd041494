package dev.modelmanager.weights.api;

import dev.modelmanager.weights.domain.InstallOrder;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/weights/installs}. */
public record InstallRequest(
    @Schema(example = "Qwen/Qwen2.5-0.5B", required = true) @NotBlank @WeightsConstraints.RepoId
        String repo,
    @Schema(description = "Branch, tag or commit", defaultValue = "main")
        @WeightsConstraints.Revision
        String revision,
    @Schema(description = "Storage location name; default the first configured") @Size(max = 63)
        String location,
    @Schema(
            description = "Glob patterns of files to fetch (fnmatch, as huggingface_hub)",
            example = "[\"*.safetensors\", \"*.json\"]")
        @Size(max = 100)
        List<@WeightsConstraints.Glob String> include,
    @Schema(description = "Glob patterns of files to leave out") @Size(max = 100)
        List<@WeightsConstraints.Glob String> exclude,
    @Schema(description = "Install again although the snapshot exists", defaultValue = "false")
        Boolean overwrite,
    @Schema(description = "Pin the snapshot so purge never removes it", defaultValue = "false")
        Boolean pin) {

  InstallOrder toOrder() {
    return new InstallOrder(
        dev.modelmanager.model.hf.RepoId.parse(repo).toString(),
        revision == null || revision.isBlank() ? "main" : revision,
        location,
        include == null ? List.of() : List.copyOf(include),
        exclude == null ? List.of() : List.copyOf(exclude),
        Boolean.TRUE.equals(overwrite),
        Boolean.TRUE.equals(pin));
  }
}
