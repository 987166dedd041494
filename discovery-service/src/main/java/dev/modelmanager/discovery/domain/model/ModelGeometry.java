package dev.modelmanager.discovery.domain.model;

import java.util.List;

/**
 * The LLM geometry of a Hugging Face model, as far as memory sizing needs it.
 *
 * @param architectures {@code config.architectures} (the top level, also for multimodal models)
 * @param modelType {@code model_type} of the language model
 * @param headDim the explicit {@code head_dim} when present, else hidden / heads
 * @param dtype the checkpoint dtype from {@code torch_dtype}/{@code dtype}; null when unknown
 * @param slidingWindow window of sliding-window layers in tokens; 0 when none is applied
 * @param slidingLayers how many layers use the window (all, or some when interleaved)
 * @param attentionBias q/k/v projections carry a bias (Qwen2 always, others per config)
 * @param qkNorm per-head RMSNorm on q and k (Qwen3, Gemma3, OLMo2)
 * @param moe the mixture-of-experts shape, null for dense models
 * @param mla the latent-attention shape, null for standard attention
 * @param multimodal the geometry was taken from a nested {@code text_config}
 */
public record ModelGeometry(
    List<String> architectures,
    String modelType,
    int hiddenSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int numKeyValueHeads,
    int headDim,
    int vocabSize,
    long maxPositionEmbeddings,
    DType dtype,
    boolean tieWordEmbeddings,
    long intermediateSize,
    int slidingWindow,
    int slidingLayers,
    boolean attentionBias,
    boolean qkNorm,
    MoeGeometry moe,
    MlaGeometry mla,
    QuantizationConfig quantization,
    boolean multimodal) {

  public ModelGeometry {
    architectures = architectures == null ? List.of() : List.copyOf(architectures);
    quantization = quantization == null ? QuantizationConfig.NONE : quantization;
  }

  /** The first declared architecture, or an empty string. */
  public String architecture() {
    return architectures.isEmpty() ? "" : architectures.get(0);
  }

  /** Whether the model routes tokens to experts. */
  public boolean isMoe() {
    return moe != null;
  }

  /** Whether the model caches a compressed latent instead of per-head keys and values. */
  public boolean isMla() {
    return mla != null;
  }

  /** Layers that attend over the whole context. */
  public int fullAttentionLayers() {
    return numHiddenLayers - slidingLayers;
  }

  /**
   * The dtype vLLM computes in with {@code --dtype auto}.
   *
   * <p>vLLM serves float32 checkpoints in 16-bit (it down-casts float32 to float16/bfloat16 under
   * "auto", see {@code vllm/config/model.py _get_and_verify_dtype}), so float32 maps to BF16; an
   * unknown dtype is assumed to be BF16, the dtype of nearly every current release.
   */
  public DType servingDtype() {
    if (dtype == null || dtype == DType.F32 || dtype == DType.F64 || dtype.bits() < 16) {
      return DType.BF16;
    }
    return dtype;
  }

  /** Returns a copy with another quantization (used to size hypothetical variants). */
  public ModelGeometry withQuantization(QuantizationConfig other) {
    return new ModelGeometry(
        architectures,
        modelType,
        hiddenSize,
        numHiddenLayers,
        numAttentionHeads,
        numKeyValueHeads,
        headDim,
        vocabSize,
        maxPositionEmbeddings,
        dtype,
        tieWordEmbeddings,
        intermediateSize,
        slidingWindow,
        slidingLayers,
        attentionBias,
        qkNorm,
        moe,
        mla,
        other,
        multimodal);
  }
}
