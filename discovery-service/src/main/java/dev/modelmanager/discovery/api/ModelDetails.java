package dev.modelmanager.discovery.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Everything Model Manager knows about a model at one revision, and how it fits each GPU pool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelDetails(
    String id,
    String revision,
    String commit,
    List<String> architectures,
    String modelType,
    String license,
    String gated,
    String pipelineTag,
    long downloads,
    long likes,
    Vllm vllm,
    Parameters parameters,
    long weightsBytes,
    KvCache kvCache,
    long maxPositionEmbeddings,
    Quantization quantization,
    List<String> files,
    Catalog catalog,
    List<FitRow> fit,
    List<String> recommendedVllmArgs,
    List<String> notes,
    JsonNode config) {

  /** Whether vLLM serves the architecture, and what it needs. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Vllm(
      boolean supported,
      String version,
      String architecture,
      List<String> tasks,
      boolean trustRemoteCode) {}

  /**
   * Parameter counts: exact from the safetensors headers, else estimated from the config.
   *
   * @param source {@code safetensors-headers} or {@code config-estimate}
   */
  public record Parameters(long total, Map<String, Long> byDtype, boolean exact, String source) {}

  /** KV cache per token at the model's dtype, whole model (all layers, all KV heads). */
  public record KvCache(long bytesPerToken, String dtype) {}

  /** The checkpoint's quantization as config.json (or hf_quant_config.json) declares it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Quantization(String method, Integer bits, Integer groupSize, boolean fp8KvCache) {}

  /**
   * The approved catalog's entry for this repo, when catalog-service has one.
   *
   * @param status {@code found}, {@code absent} or {@code unavailable}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Catalog(String status, JsonNode entry) {}

  /** The best way to serve the model on one GPU pool (or why it does not fit there). */
  public record FitRow(
      String gpu,
      long memoryBytes,
      int gpusPerNode,
      boolean fits,
      int tensorParallelSize,
      String quantization,
      long maxModelLen,
      double maxConcurrency,
      long weightsBytesPerGpu,
      long kvCacheBytesPerGpu,
      List<String> vllmArgs,
      String explanation,
      long marginBytes) {}
}
