package dev.modelmanager.weights.service;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/weights/installs}. */
public record InstallRequest(
    @Schema(example = "Qwen/Qwen2.5-0.5B", required = true) String repo,
    @Schema(description = "Branch, tag or commit", defaultValue = "main") String revision,
    @Schema(description = "Storage location name; default the first configured") String location,
    @Schema(
            description = "Glob patterns of files to fetch (fnmatch, as huggingface_hub)",
            example = "[\"*.safetensors\", \"*.json\"]")
        List<String> include,
    @Schema(description = "Glob patterns of files to leave out") List<String> exclude,
    @Schema(description = "Install again although the snapshot exists", defaultValue = "false")
        Boolean overwrite,
    @Schema(description = "Pin the snapshot so purge never removes it", defaultValue = "false")
        Boolean pin) {}
