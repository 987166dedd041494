package dev.modelmanager.discovery.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.discovery.domain.fit.FitOption;
import dev.modelmanager.discovery.domain.fit.FitRecommendation;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.discovery.domain.model.ParameterCount;
import dev.modelmanager.discovery.domain.model.QuantizationConfig;
import dev.modelmanager.discovery.domain.vllm.VllmArchitecture;
import dev.modelmanager.discovery.service.ModelReport;
import dev.modelmanager.model.catalog.ApprovedEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
  public record Catalog(String status, ApprovedEntry entry) {}

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

  /** The view of a details report. */
  static ModelDetails of(ModelReport r) {
    ModelGeometry geometry = r.geometry();
    FitRecommendation rec = r.fit();
    JsonNode info = r.files().info();
    return new ModelDetails(
        r.repo().toString(),
        r.revision(),
        r.files().commit(),
        geometry.architectures(),
        geometry.modelType(),
        license(info),
        info.has("gated") ? info.get("gated").asText() : null,
        text(info, "pipeline_tag"),
        info.path("downloads").asLong(0),
        info.path("likes").asLong(0),
        vllm(r),
        parameters(rec, r.count()),
        rec.weightsBytes(),
        new KvCache(
            rec.kvCacheBytesPerToken(),
            geometry.dtype() == null ? "auto" : geometry.dtype().name().toLowerCase(Locale.ROOT)),
        geometry.maxPositionEmbeddings(),
        quantization(geometry.quantization()),
        siblings(info),
        new Catalog(r.catalog().status(), r.catalog().entry().orElse(null)),
        r.table().stream().map(ModelDetails::row).toList(),
        rec.best().map(FitOption::vllmArgs).orElse(List.of()),
        r.notes(),
        r.files().config());
  }

  private static Vllm vllm(ModelReport r) {
    Optional<VllmArchitecture> arch = r.architecture();
    return new Vllm(
        arch.isPresent(),
        r.vllmVersion(),
        arch.map(VllmArchitecture::architecture).orElse(r.geometry().architecture()),
        arch.map(VllmArchitecture::tasks).orElse(List.of()),
        arch.map(VllmArchitecture::trustRemoteCode).orElse(false));
  }

  private static Parameters parameters(FitRecommendation rec, Optional<ParameterCount> count) {
    Map<String, Long> byDtype = new TreeMap<>();
    count.ifPresent(c -> c.byDtype().forEach((dtype, n) -> byDtype.put(dtype.name(), n)));
    return new Parameters(
        rec.parameters(),
        byDtype,
        rec.parametersExact(),
        count.isPresent() ? "safetensors-headers" : "config-estimate");
  }

  private static Quantization quantization(QuantizationConfig q) {
    if (!q.isQuantized()) {
      return null;
    }
    return new Quantization(
        q.rawMethod() != null ? q.rawMethod() : q.method().name().toLowerCase(Locale.ROOT),
        q.weightBits() > 0 ? q.weightBits() : null,
        q.groupSize() > 0 ? q.groupSize() : null,
        q.fp8KvCache());
  }

  static FitRow row(ModelReport.GpuFit fit) {
    FitOption o = fit.option();
    return new FitRow(
        o.gpu(),
        o.memory() == null ? fit.gpu().memoryBytes() : o.memory().totalBytes(),
        fit.gpu().count(),
        o.fits(),
        o.tensorParallelSize(),
        o.quantization(),
        o.maxModelLen(),
        o.maxConcurrency(),
        o.weightsBytesPerGpu(),
        o.kvCacheBytesPerGpu(),
        o.vllmArgs(),
        o.explanation(),
        o.marginBytes());
  }

  private static List<String> siblings(JsonNode info) {
    List<String> out = new ArrayList<>();
    info.path("siblings").forEach(s -> out.add(s.path("rfilename").asText()));
    return out;
  }

  private static String license(JsonNode info) {
    String card = text(info.path("cardData"), "license");
    if (card != null) {
      return card;
    }
    for (var t : info.path("tags")) {
      if (t.asText().startsWith("license:")) {
        return t.asText().substring(8);
      }
    }
    return null;
  }

  private static String text(JsonNode n, String field) {
    var v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
