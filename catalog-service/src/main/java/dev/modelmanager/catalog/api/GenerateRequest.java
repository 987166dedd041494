package dev.modelmanager.catalog.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/catalog/generate}. */
public record GenerateRequest(
    @Schema(example = "Qwen/Qwen2.5-0.5B", required = true)
        @NotNull
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}")
        String hfModelId,
    @Schema(description = "Branch, tag or commit; the default branch when absent", example = "main")
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._/-]{0,127}")
        String revision,
    @Schema(
            description = "A GPU pool name of GET /api/v1/gpus; the best pool when absent",
            example = "L4-24GB")
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
        String gpu,
    @Schema(example = "8192") @Min(16) @Max(16_777_216) Long maxModelLen) {}
