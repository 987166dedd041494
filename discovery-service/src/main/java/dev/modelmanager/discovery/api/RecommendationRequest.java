package dev.modelmanager.discovery.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What to size: a model and the GPUs to consider, with vLLM's knobs. */
public record RecommendationRequest(
    @Schema(example = "meta-llama/Llama-3.1-8B-Instruct")
        @NotBlank
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}")
        String model,
    @Schema(example = "main") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._/-]{0,127}")
        String revision,
    @Schema(
            description =
                "GPUs: an array of {name, memoryBytes, count} (memoryBytes may be left out for a known profile), or the name of a GPU pool; all known pools when absent",
            example = "[{\"name\": \"H100-80GB\", \"count\": 8}]")
        JsonNode gpus,
    @Schema(example = "0.9") @DecimalMin("0.05") @DecimalMax("0.99") Double gpuMemoryUtilization,
    @Schema(example = "32768") @Min(16) @Max(16_777_216) Long maxModelLen,
    @Schema(example = "auto") @Pattern(regexp = "auto|fp8") String kvCacheDtype,
    @Schema(example = "fp8") @Pattern(regexp = "none|fp8|awq|gptq|bitsandbytes")
        String quantization) {}
