package dev.modelmanager.discovery.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.discovery.domain.fit.GpuOffer;
import dev.modelmanager.discovery.domain.fit.KvCacheDtype;
import dev.modelmanager.discovery.service.GpuSelection;
import dev.modelmanager.discovery.service.Recommendation;
import dev.modelmanager.model.hf.RepoId;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What to size: a model and the GPUs to consider, with vLLM's knobs. */
@GpuSpecValidation.ValidGpuSpec
public record RecommendationRequest(
    @Schema(example = "meta-llama/Llama-3.1-8B-Instruct") @NotBlank @HubRepoId String model,
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
        String quantization) {

  /** The use case's query (the request has been validated). */
  Recommendation.Query toQuery() {
    return new Recommendation.Query(
        RepoId.parse(model),
        revision,
        selection(),
        gpuMemoryUtilization,
        maxModelLen,
        kvCacheDtype == null ? null : KvCacheDtype.parse(kvCacheDtype),
        quantization);
  }

  private GpuSelection selection() {
    if (gpus == null || gpus.isNull()) {
      return new GpuSelection.AllPools();
    }
    if (gpus.isTextual()) {
      return new GpuSelection.Pool(gpus.asText());
    }
    List<GpuOffer> offers = new ArrayList<>();
    for (JsonNode g : gpus) {
      offers.add(
          new GpuOffer(
              g.path("name").asText(), g.path("memoryBytes").asLong(0), g.path("count").asInt(1)));
    }
    return new GpuSelection.Offers(offers);
  }
}
