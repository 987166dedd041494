package dev.modelmanager.discovery.domain.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a Hugging Face {@code config.json} into a {@link ModelGeometry}.
 *
 * <p>For multimodal models the language-model fields come from the nested {@code text_config}
 * (falling back to the top level), while {@code architectures}, the dtype and the quantization are
 * read from the top level first. Field aliases of older families (GPT-2 {@code n_embd}, ChatGLM
 * {@code multi_query_group_num}, MPT {@code d_model}...) are accepted.
 */
public final class ModelConfigParser {

  private static final Set<String> ALWAYS_QKV_BIAS =
      Set.of("qwen2", "qwen2_moe", "qwen2_vl", "qwen2_5_vl", "qwen2_audio");
  private static final Set<String> QK_NORM =
      Set.of("qwen3", "qwen3_moe", "qwen3_next", "gemma3", "gemma3_text", "olmo2", "olmo3");
  private static final Set<String> QWEN2_WINDOW_LAYERS =
      Set.of("qwen2", "qwen2_moe", "qwen3", "qwen3_moe");
  private static final String SLIDING = "sliding_attention";

  private final JsonNode root;
  private final JsonNode text;

  private ModelConfigParser(JsonNode root) {
    JsonNode nested = root.get("text_config");
    if (nested != null && nested.isObject()) {
      this.root = root;
      this.text = TransformersDefaults.apply(nested);
    } else {
      this.root = TransformersDefaults.apply(root);
      this.text = null;
    }
  }

  /** Parses a config.json without a ModelOpt side file. */
  public static ModelGeometry parse(JsonNode config) {
    return parse(config, null);
  }

  /** Parses a config.json, taking quantization from {@code hf_quant_config.json} when given. */
  public static ModelGeometry parse(JsonNode config, JsonNode hfQuantConfig) {
    if (config == null || !config.isObject()) {
      throw new IllegalArgumentException("config.json must be a JSON object");
    }
    return new ModelConfigParser(config).geometry(hfQuantConfig);
  }

  private ModelGeometry geometry(JsonNode hfQuantConfig) {
    String modelType = textString("model_type");
    int hidden = requiredInt("hidden_size", "n_embd", "d_model", "model_dim");
    int layers = requiredInt("num_hidden_layers", "n_layer", "num_layers", "n_layers");
    int heads = requiredInt("num_attention_heads", "n_head", "n_heads", "num_heads");
    int kvHeads = kvHeads(heads);
    int explicitHeadDim = optionalInt("head_dim");
    int headDim = explicitHeadDim > 0 ? explicitHeadDim : hidden / heads;
    int vocab = requiredInt("vocab_size", "padded_vocab_size");
    long intermediate = optionalLong("intermediate_size", "ffn_hidden_size", "n_inner", "ffn_dim");
    int window = slidingWindow();
    return new ModelGeometry(
        architectures(),
        modelType,
        hidden,
        layers,
        heads,
        kvHeads,
        headDim,
        vocab,
        maxPositionEmbeddings(),
        dtype(),
        bool("tie_word_embeddings", false),
        intermediate > 0 ? intermediate : 4L * hidden,
        window,
        window > 0 ? slidingLayers(modelType, layers) : 0,
        attentionBias(modelType),
        modelType != null && QK_NORM.contains(modelType),
        moe(intermediate),
        mla(modelType),
        QuantizationConfigParser.parse(root.get("quantization_config"), hfQuantConfig),
        text != null);
  }

  // --- field access: text_config first, then the top level ---------------------------------

  private JsonNode field(String name) {
    if (text != null && present(text.get(name))) {
      return text.get(name);
    }
    JsonNode value = root.get(name);
    return present(value) ? value : null;
  }

  private JsonNode rootFirst(String name) {
    JsonNode value = root.get(name);
    return present(value) ? value : field(name);
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  private String textString(String name) {
    JsonNode value = field(name);
    return value == null ? null : value.asText();
  }

  private int requiredInt(String... names) {
    int value = optionalInt(names);
    if (value <= 0) {
      throw new IllegalArgumentException(
          "config.json has no positive " + String.join(" / ", names));
    }
    return value;
  }

  private int optionalInt(String... names) {
    return Math.toIntExact(optionalLong(names));
  }

  private long optionalLong(String... names) {
    for (String name : names) {
      JsonNode value = field(name);
      if (value != null && value.isNumber()) {
        return value.asLong();
      }
    }
    return 0;
  }

  private boolean bool(String name, boolean fallback) {
    JsonNode value = field(name);
    return value == null ? fallback : value.asBoolean(fallback);
  }

  // --- derived fields -----------------------------------------------------------------------

  private List<String> architectures() {
    List<String> names = new ArrayList<>();
    JsonNode value = rootFirst("architectures");
    if (value != null) {
      value.forEach(a -> names.add(a.asText()));
    }
    return names;
  }

  private int kvHeads(int heads) {
    int kv =
        optionalInt("num_key_value_heads", "num_kv_heads", "multi_query_group_num", "n_head_kv");
    if (kv > 0) {
      return kv;
    }
    return bool("multi_query", false) ? 1 : heads;
  }

  private DType dtype() {
    JsonNode value = rootFirst("torch_dtype");
    if (value == null) {
      value = rootFirst("dtype");
    }
    return value == null ? null : DType.fromTorchName(value.asText()).orElse(null);
  }

  /** The context limit vLLM derives ({@link ContextLimit}). */
  private long maxPositionEmbeddings() {
    return ContextLimit.of(text != null ? text : root, root).derived();
  }

  private int slidingWindow() {
    JsonNode window = field("sliding_window");
    if (window == null || !window.isNumber() || window.asInt() <= 0) {
      return 0;
    }
    return bool("use_sliding_window", true) ? window.asInt() : 0;
  }

  private int slidingLayers(String modelType, int layers) {
    JsonNode types = field("layer_types");
    if (types != null && types.isArray() && !types.isEmpty()) {
      int sliding = 0;
      for (JsonNode t : types) {
        sliding += SLIDING.equals(t.asText()) ? 1 : 0;
      }
      return sliding;
    }
    int pattern = optionalInt("sliding_window_pattern");
    if (pattern <= 0 && "gemma2".equals(modelType)) {
      pattern = 2; // Gemma 2 alternates sliding and global layers
    }
    if (pattern > 0) {
      return layers - layers / pattern; // every pattern-th layer is global
    }
    int fullLayers = optionalInt("max_window_layers");
    if (fullLayers > 0 && modelType != null && QWEN2_WINDOW_LAYERS.contains(modelType)) {
      return Math.max(0, layers - fullLayers);
    }
    return layers;
  }

  private boolean attentionBias(String modelType) {
    JsonNode bias = field("attention_bias");
    if (bias != null) {
      return bias.asBoolean();
    }
    return modelType != null && ALWAYS_QKV_BIAS.contains(modelType);
  }

  private MoeGeometry moe(long intermediate) {
    int experts =
        optionalInt("num_local_experts", "num_experts", "n_routed_experts", "moe_num_experts");
    if (experts <= 1) {
      return null;
    }
    int topK = optionalInt("num_experts_per_tok", "moe_topk", "top_k", "num_experts_per_token");
    long expertWidth = optionalLong("moe_intermediate_size");
    if (expertWidth <= 0) {
      expertWidth = intermediate;
    }
    long shared = optionalInt("n_shared_experts") * expertWidth;
    if (shared == 0) {
      shared = optionalLong("shared_expert_intermediate_size");
    }
    return new MoeGeometry(
        experts, topK > 0 ? topK : 2, expertWidth, shared, optionalInt("first_k_dense_replace"));
  }

  private MlaGeometry mla(String modelType) {
    int rank = optionalInt("kv_lora_rank");
    if (rank <= 0 || "minicpm3".equals(modelType)) {
      return null; // MiniCPM3 has a latent projection but vLLM caches full keys/values for it
    }
    return new MlaGeometry(
        rank,
        optionalInt("qk_rope_head_dim"),
        optionalInt("q_lora_rank"),
        optionalInt("qk_nope_head_dim"),
        optionalInt("v_head_dim"));
  }
}
