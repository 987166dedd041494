package dev.modelmanager.discovery.domain.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Values transformers' config classes supply when a config.json leaves them out, for the model
 * types whose published configs rely on them. vLLM reads configs through transformers, so it sees
 * these values; a raw JSON read does not.
 */
final class TransformersDefaults {

  /**
   * {@code Gemma3TextConfig} defaults ({@code transformers/models/gemma3/configuration_gemma3.py}):
   * google/gemma-3-*-it's {@code text_config} omits all three.
   */
  private static final Map<String, Map<String, Object>> BY_MODEL_TYPE =
      Map.of(
          "gemma3_text",
          Map.of(
              "max_position_embeddings", 131_072,
              "vocab_size", 262_208,
              "sliding_window_pattern", 6));

  private TransformersDefaults() {}

  /** The config with the defaults of its {@code model_type} filled in (a copy when any apply). */
  static JsonNode apply(JsonNode config) {
    Map<String, Object> defaults = BY_MODEL_TYPE.get(config.path("model_type").asText(""));
    if (defaults == null || !(config instanceof ObjectNode object)) {
      return config;
    }
    ObjectNode copy = object.deepCopy();
    defaults.forEach(
        (key, value) -> {
          if (!copy.hasNonNull(key)) {
            copy.put(key, (Integer) value);
          }
        });
    return copy;
  }
}
