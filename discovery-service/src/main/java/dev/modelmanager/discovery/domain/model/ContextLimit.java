package dev.modelmanager.discovery.domain.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The context limit vLLM derives from a config, rule by rule as {@code _get_and_verify_max_len}
 * ({@code vllm/config/model.py}) and {@code derive_max_model_len_and_key} ({@code
 * vllm/transformers_utils/model_arch_config_convertor.py}) do it for a {@code vllm serve} without
 * {@code --max-model-len}:
 *
 * <ol>
 *   <li>the smallest of {@link #LENGTH_KEYS} present in the (text) config;
 *   <li>a truthy {@code model_max_length} (Command-R, Cohere2, Aya Vision) replaces it;
 *   <li>no key at all: 2048;
 *   <li>rope scaling is skipped for every model type containing {@code gemma3} (its 128K is already
 *       scaled); else each rope entry whose type is not {@code su}/{@code longrope}/{@code llama3}
 *       multiplies by its {@code factor} (default 1; {@code linear}, {@code dynamic}, {@code
 *       default}, {@code mrope} alike), and {@code yarn} first resets the length to its {@code
 *       original_max_position_embeddings};
 *   <li>with {@code longrope} the default max-model-len is the top-level {@code
 *       original_max_position_embeddings} (the derived limit stays the cap for a requested one).
 * </ol>
 *
 * <p>The sliding-window cap of that function applies only with {@code --disable-sliding-window},
 * which the engine never proposes, so a sliding window does not limit the context here.
 */
public record ContextLimit(long derived, long defaultLength, String key) {

  /** vLLM's candidate keys, in its order (OPT, GPT-2, MPT, ChatGLM2, Command-R, Whisper...). */
  public static final List<String> LENGTH_KEYS =
      List.of(
          "max_position_embeddings",
          "n_positions",
          "max_seq_len",
          "seq_length",
          "model_max_length",
          "max_target_positions",
          "max_sequence_length",
          "max_seq_length",
          "seq_len");

  /** vLLM's assumption when no key is present. */
  public static final long DEFAULT_WHEN_UNKNOWN = 2048;

  private static final Set<String> UNSCALED_TYPES = Set.of("su", "longrope", "llama3");

  /**
   * Derives the limit.
   *
   * @param text the language model's config ({@code text_config} of a multimodal model, else the
   *     config itself)
   * @param root the top-level config (for {@code original_max_position_embeddings} with longrope)
   */
  public static ContextLimit of(JsonNode text, JsonNode root) {
    double derived = Double.POSITIVE_INFINITY;
    String key = null;
    for (String k : LENGTH_KEYS) {
      JsonNode v = text.get(k);
      if (v != null && v.isNumber()) {
        if (v.asDouble() < derived) {
          key = k;
        }
        derived = Math.min(derived, v.asDouble());
      }
    }
    JsonNode modelMax = text.get("model_max_length");
    if (modelMax != null && modelMax.isNumber() && modelMax.asDouble() != 0) {
      key = "model_max_length";
      derived = modelMax.asDouble();
    }
    if (Double.isInfinite(derived)) {
      derived = DEFAULT_WHEN_UNKNOWN;
      key = "default";
    }
    List<JsonNode> rope = ropeEntries(text);
    String modelType = text.path("model_type").asText(root.path("model_type").asText(""));
    if (!rope.isEmpty() && !modelType.contains("gemma3")) {
      double factor = 1.0;
      for (JsonNode rp : rope) {
        String type = ropeType(rp);
        if (!UNSCALED_TYPES.contains(type)) {
          JsonNode f = rp.get("factor");
          factor = f != null && f.isNumber() ? f.asDouble() : factor;
          if ("yarn".equals(type) && rp.path("original_max_position_embeddings").isNumber()) {
            derived = rp.get("original_max_position_embeddings").asDouble();
          }
        }
      }
      derived *= factor;
    }
    long cap = (long) derived;
    long defaultLength = cap;
    boolean longrope = rope.stream().anyMatch(rp -> "longrope".equals(ropeType(rp)));
    JsonNode original = field(text, root, "original_max_position_embeddings");
    if (longrope && original != null && original.isNumber()) {
      defaultLength = original.asLong();
    }
    return new ContextLimit(cap, defaultLength, key);
  }

  /** One rope entry, or one per layer type (Transformers v5 {@code rope_parameters}). */
  private static List<JsonNode> ropeEntries(JsonNode text) {
    JsonNode rope = text.get("rope_parameters");
    if (rope == null || !rope.isObject()) {
      rope = text.get("rope_scaling");
    }
    List<JsonNode> out = new ArrayList<>();
    if (rope == null || !rope.isObject()) {
      return out;
    }
    if (rope.has("rope_type") || rope.has("type") || rope.has("factor")) {
      out.add(rope);
    } else {
      rope.forEach(v -> out.add(v)); // nested per layer type: {"full_attention": {...}, ...}
    }
    return out;
  }

  /**
   * The rope type as vLLM's {@code patch_rope_parameters} normalizes it: {@code type} → {@code
   * rope_type}, {@code su} → {@code longrope}, {@code mrope} → {@code default}.
   */
  static String ropeType(JsonNode rp) {
    String type = rp.path("rope_type").asText(rp.path("type").asText("default"));
    type = type.toLowerCase(Locale.ROOT);
    return switch (type) {
      case "su" -> "longrope";
      case "mrope" -> "default";
      default -> type;
    };
  }

  private static JsonNode field(JsonNode text, JsonNode root, String name) {
    JsonNode v = text.get(name);
    return v != null && !v.isNull() ? v : root.get(name);
  }
}
