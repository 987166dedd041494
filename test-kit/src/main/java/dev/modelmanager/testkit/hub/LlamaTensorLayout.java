package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The tensor names and shapes transformers saves for a Llama-like decoder ({@code LlamaForCausalLM}
 * and its relatives: Mistral, Qwen2, Qwen3, Mixtral and Qwen3-MoE experts), in module order.
 */
final class LlamaTensorLayout {

  private final String dtype;
  private final long hidden;
  private final long intermediate;
  private final int layers;
  private final long heads;
  private final long kvHeads;
  private final long headDim;
  private final long vocab;
  private final boolean tiedEmbeddings;
  private final boolean attentionBias;
  private final boolean qkNorm;
  private final String modelType;
  private final JsonNode config;

  LlamaTensorLayout(JsonNode config, String dtype) {
    this.config = config;
    this.dtype = dtype;
    this.modelType = config.path("model_type").asText("llama");
    this.hidden = required(config, "hidden_size");
    this.intermediate = config.path("intermediate_size").asLong(0);
    this.layers = (int) required(config, "num_hidden_layers");
    this.heads = required(config, "num_attention_heads");
    this.kvHeads = config.path("num_key_value_heads").asLong(heads);
    this.headDim = config.hasNonNull("head_dim") ? config.get("head_dim").asLong() : hidden / heads;
    this.vocab = required(config, "vocab_size");
    this.tiedEmbeddings = config.path("tie_word_embeddings").asBoolean(false);
    // Qwen2 always has q/k/v biases although its config has no attention_bias key.
    this.attentionBias =
        config.path("attention_bias").asBoolean(false) || modelType.startsWith("qwen2");
    this.qkNorm = modelType.startsWith("qwen3");
  }

  private static long required(JsonNode config, String key) {
    if (!config.hasNonNull(key)) {
      throw new IllegalArgumentException("config.json has no " + key);
    }
    return config.get(key).asLong();
  }

  List<TensorSpec> tensors() {
    List<TensorSpec> tensors = new ArrayList<>();
    tensors.add(TensorSpec.of("model.embed_tokens.weight", dtype, vocab, hidden));
    for (int layer = 0; layer < layers; layer++) {
      String prefix = "model.layers." + layer + ".";
      attention(tensors, prefix + "self_attn.");
      feedForward(tensors, prefix);
      tensors.add(TensorSpec.of(prefix + "input_layernorm.weight", dtype, hidden));
      tensors.add(TensorSpec.of(prefix + "post_attention_layernorm.weight", dtype, hidden));
    }
    tensors.add(TensorSpec.of("model.norm.weight", dtype, hidden));
    if (!tiedEmbeddings) {
      tensors.add(TensorSpec.of("lm_head.weight", dtype, vocab, hidden));
    }
    return tensors;
  }

  private void attention(List<TensorSpec> tensors, String prefix) {
    long qOut = heads * headDim;
    long kvOut = kvHeads * headDim;
    tensors.add(TensorSpec.of(prefix + "q_proj.weight", dtype, qOut, hidden));
    tensors.add(TensorSpec.of(prefix + "k_proj.weight", dtype, kvOut, hidden));
    tensors.add(TensorSpec.of(prefix + "v_proj.weight", dtype, kvOut, hidden));
    tensors.add(TensorSpec.of(prefix + "o_proj.weight", dtype, hidden, qOut));
    if (attentionBias) {
      tensors.add(TensorSpec.of(prefix + "q_proj.bias", dtype, qOut));
      tensors.add(TensorSpec.of(prefix + "k_proj.bias", dtype, kvOut));
      tensors.add(TensorSpec.of(prefix + "v_proj.bias", dtype, kvOut));
    }
    if (qkNorm) {
      tensors.add(TensorSpec.of(prefix + "q_norm.weight", dtype, headDim));
      tensors.add(TensorSpec.of(prefix + "k_norm.weight", dtype, headDim));
    }
  }

  private void feedForward(List<TensorSpec> tensors, String prefix) {
    if (config.has("num_local_experts")) {
      mixtralExperts(
          tensors, prefix + "block_sparse_moe.", config.get("num_local_experts").asInt());
    } else if (config.has("num_experts") && config.path("num_experts").asInt() > 0) {
      long expertWidth = config.path("moe_intermediate_size").asLong(intermediate);
      int experts = config.get("num_experts").asInt();
      tensors.add(TensorSpec.of(prefix + "mlp.gate.weight", dtype, experts, hidden));
      for (int expert = 0; expert < experts; expert++) {
        gatedMlp(tensors, prefix + "mlp.experts." + expert + ".", expertWidth);
      }
    } else {
      gatedMlp(tensors, prefix + "mlp.", intermediate);
    }
  }

  private void gatedMlp(List<TensorSpec> tensors, String prefix, long width) {
    tensors.add(TensorSpec.of(prefix + "gate_proj.weight", dtype, width, hidden));
    tensors.add(TensorSpec.of(prefix + "up_proj.weight", dtype, width, hidden));
    tensors.add(TensorSpec.of(prefix + "down_proj.weight", dtype, hidden, width));
  }

  private void mixtralExperts(List<TensorSpec> tensors, String prefix, int experts) {
    tensors.add(TensorSpec.of(prefix + "gate.weight", dtype, experts, hidden));
    for (int expert = 0; expert < experts; expert++) {
      String expertPrefix = prefix + "experts." + expert + ".";
      tensors.add(TensorSpec.of(expertPrefix + "w1.weight", dtype, intermediate, hidden));
      tensors.add(TensorSpec.of(expertPrefix + "w2.weight", dtype, hidden, intermediate));
      tensors.add(TensorSpec.of(expertPrefix + "w3.weight", dtype, intermediate, hidden));
    }
  }
}
