package dev.modelmanager.discovery.domain.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a Hub search result says about a model, read from the expanded fields of one list entry
 * (config, safetensors, cardData, tags…) without any further request.
 */
public record HubModelSummary(
    String id,
    String author,
    List<String> architectures,
    String modelType,
    Long parameters,
    java.util.Map<String, Long> parametersByDtype,
    String license,
    String quantization,
    String pipelineTag,
    String libraryName,
    long downloads,
    long likes,
    String lastModified,
    String gated,
    List<String> tags) {

  /** Tags the Hub puts on quantized repositories, in the order we prefer to name them. */
  private static final List<String> QUANT_TAGS =
      List.of("awq", "gptq", "fp8", "mxfp4", "bitsandbytes", "gguf", "4-bit", "8-bit");

  public static HubModelSummary from(JsonNode m) {
    List<String> tags = new ArrayList<>();
    m.path("tags").forEach(t -> tags.add(t.asText()));
    List<String> archs = new ArrayList<>();
    m.path("config").path("architectures").forEach(a -> archs.add(a.asText()));
    JsonNode total = m.path("safetensors").path("total");
    java.util.Map<String, Long> byDtype = new java.util.TreeMap<>();
    m.path("safetensors")
        .path("parameters")
        .fields()
        .forEachRemaining(e -> byDtype.put(e.getKey(), e.getValue().asLong()));
    return new HubModelSummary(
        m.path("id").asText(m.path("modelId").asText()),
        text(m, "author"),
        archs,
        text(m.path("config"), "model_type"),
        total.isNumber() ? total.asLong() : null,
        byDtype,
        license(m, tags),
        quantization(m, tags),
        text(m, "pipeline_tag"),
        text(m, "library_name"),
        m.path("downloads").asLong(0),
        m.path("likes").asLong(0),
        text(m, "lastModified"),
        m.has("gated") ? m.get("gated").asText() : null,
        tags);
  }

  /** The first declared architecture, which is what vLLM dispatches on. */
  public String architecture() {
    return architectures.isEmpty() ? null : architectures.get(0);
  }

  private static String license(JsonNode m, List<String> tags) {
    String fromCard = text(m.path("cardData"), "license");
    if (fromCard != null) {
      return fromCard;
    }
    return tags.stream()
        .filter(t -> t.startsWith("license:"))
        .map(t -> t.substring(8))
        .findFirst()
        .orElse(null);
  }

  private static String quantization(JsonNode m, List<String> tags) {
    String method = text(m.path("config").path("quantization_config"), "quant_method");
    if (method != null) {
      return method.toLowerCase(Locale.ROOT);
    }
    for (String q : QUANT_TAGS) {
      if (tags.contains(q)) {
        return q;
      }
    }
    return null;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
