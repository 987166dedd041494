package dev.modelmanager.discovery.domain.fit;

import dev.modelmanager.discovery.domain.model.ModelGeometry;

/**
 * Memory vLLM needs per GPU besides weights and KV cache: the profiled activation peak, non-torch
 * allocations and CUDA graphs (see {@link FitConstants} for the sources).
 */
public final class OverheadEstimator {

  private OverheadEstimator() {}

  /**
   * Peak torch memory of vLLM's profile run: a persistent base plus the larger of the dummy sampler
   * pass (sequences × vocabulary × 37 bytes; logits are gathered whole on every rank, so TP does
   * not shrink it) and one layer's forward activations for the batched tokens (4 × hidden plus 3 ×
   * the per-rank MLP width — for MoE the top-k experts' widths — in 16 bit).
   */
  public static long activationBytes(ModelGeometry g, int tp, ResolvedGpu gpu) {
    long sequences = Math.min(gpu.maxNumSeqs(), gpu.maxNumBatchedTokens());
    long sampler = sequences * g.vocabSize() * FitConstants.SAMPLER_BYTES_PER_LOGIT;
    long forward = (long) gpu.maxNumBatchedTokens() * forwardBytesPerToken(g, tp);
    return FitConstants.ACTIVATION_BASE_BYTES + Math.max(sampler, forward);
  }

  static long forwardBytesPerToken(ModelGeometry g, int tp) {
    long mlpWidth = g.intermediateSize();
    if (g.isMoe()) {
      long routed = (long) g.moe().expertsPerToken() * g.moe().expertIntermediateSize();
      mlpWidth = Math.max(mlpWidth, routed + g.moe().sharedExpertIntermediateSize());
    }
    long perRank = 4L * g.hiddenSize() + 3 * mlpWidth / tp;
    return perRank * FitConstants.ACTIVATION_DTYPE_BYTES;
  }

  /** Memory outside torch: CUDA workspaces, plus NCCL/all-reduce buffers with TP. */
  public static long nonTorchBytes(int tp) {
    return tp == 1
        ? FitConstants.NON_TORCH_SINGLE_GPU_BYTES
        : FitConstants.NON_TORCH_TENSOR_PARALLEL_BYTES;
  }

  /** Reserve for captured CUDA graphs. */
  public static long cudaGraphBytes(ModelGeometry g) {
    return g.isMoe() ? FitConstants.CUDA_GRAPH_MOE_BYTES : FitConstants.CUDA_GRAPH_DENSE_BYTES;
  }
}
