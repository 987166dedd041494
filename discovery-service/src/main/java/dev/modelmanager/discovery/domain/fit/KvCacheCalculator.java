package dev.modelmanager.discovery.domain.fit;

import dev.modelmanager.discovery.domain.model.ModelGeometry;

/**
 * KV-cache sizes: per token, per tensor-parallel rank and per request.
 *
 * <p>Standard attention caches a key and a value per KV head: 2 × kv_heads × head_dim × dtype bytes
 * per layer and token, with head_dim the explicit {@code head_dim} when the config has one. Each
 * rank holds max(1, kv_heads / TP) heads — heads are replicated, not split, once TP exceeds them.
 * MLA caches one latent of kv_lora_rank + qk_rope_head_dim elements per layer and token (no factor
 * 2), and every rank holds all of it.
 *
 * <p>What one request reserves follows vLLM's KV-cache specs ({@code vllm/v1/kv_cache_interface.py
 * max_memory_usage_bytes}), which both the start-up check ({@code check_enough_kv_cache_memory})
 * and the "Maximum concurrency" figure use: a full-attention layer ⌈L / block⌉ blocks; a
 * sliding-window layer ⌈min(window − 1 + max_num_batched_tokens, L) / block⌉ + 1 blocks, because
 * chunked prefill keeps the last window − 1 tokens plus the newly scheduled ones, and the window
 * may straddle a block boundary.
 */
public final class KvCacheCalculator {

  private KvCacheCalculator() {}

  /** Bytes of one cached element for the chosen dtype: 1 for FP8, else the serving dtype's. */
  public static int elementBytes(ModelGeometry g, KvCacheDtype dtype) {
    return dtype == KvCacheDtype.FP8 ? 1 : (int) g.servingDtype().bytesFor(1);
  }

  /** Bytes per token for the whole model on one GPU, all layers, no window applied. */
  public static long bytesPerToken(ModelGeometry g, int elementBytes) {
    return g.numHiddenLayers() * bytesPerLayerToken(g, 1, elementBytes);
  }

  /** Bytes per token one of {@code tp} ranks holds, all layers, no window applied. */
  public static long bytesPerTokenPerRank(ModelGeometry g, int tp, int elementBytes) {
    return g.numHiddenLayers() * bytesPerLayerToken(g, tp, elementBytes);
  }

  /** Bytes one rank holds per layer and token. */
  public static long bytesPerLayerToken(ModelGeometry g, int tp, int elementBytes) {
    if (g.isMla()) {
      return (long) g.mla().cachedWidth() * elementBytes;
    }
    long headsPerRank = Math.max(1, g.numKeyValueHeads() / tp);
    return 2 * headsPerRank * g.headDim() * elementBytes;
  }

  /**
   * KV vLLM reserves per rank for one request of {@code tokens} tokens, in whole blocks.
   *
   * @param batchedTokens vLLM's {@code max_num_batched_tokens} (a sliding layer holds the window
   *     plus one scheduled chunk)
   */
  public static long bytesPerRequest(
      ModelGeometry g, int tp, int elementBytes, long tokens, int batchedTokens) {
    long perLayer = bytesPerLayerToken(g, tp, elementBytes);
    int block = FitConstants.KV_BLOCK_SIZE;
    long fullBlocks = ceilDiv(tokens, block);
    long slidingBlocks = 0;
    if (g.slidingWindow() > 0 && g.slidingLayers() > 0) {
      long held = Math.min(g.slidingWindow() - 1L + batchedTokens, tokens);
      slidingBlocks = ceilDiv(held, block) + 1;
    }
    long blocks = g.fullAttentionLayers() * fullBlocks + g.slidingLayers() * slidingBlocks;
    return perLayer * block * blocks;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /**
   * The longest request (at most {@code cap} tokens) whose KV cache fits {@code budget} bytes on
   * one rank, unrounded; 0 when not even one token fits.
   */
  public static long maxTokens(
      ModelGeometry g, int tp, int elementBytes, long budget, long cap, int batchedTokens) {
    if (budget <= 0) {
      return 0;
    }
    if (bytesPerRequest(g, tp, elementBytes, cap, batchedTokens) <= budget) {
      return cap;
    }
    long lo = 0;
    long hi = cap;
    while (lo < hi) { // largest t with bytesPerRequest(t) <= budget; the cost grows with t
      long mid = lo + (hi - lo + 1) / 2;
      if (bytesPerRequest(g, tp, elementBytes, mid, batchedTokens) <= budget) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /**
   * The largest max-model-len to propose: {@link #maxTokens} rounded down to {@link
   * FitConstants#MODEL_LEN_ROUNDING}, or the model's own limit when that fits outright.
   */
  public static long largestModelLen(
      ModelGeometry g, int tp, int elementBytes, long budget, long cap, int batchedTokens) {
    long tokens = maxTokens(g, tp, elementBytes, budget, cap, batchedTokens);
    if (tokens == cap) {
      return cap;
    }
    return tokens / FitConstants.MODEL_LEN_ROUNDING * FitConstants.MODEL_LEN_ROUNDING;
  }
}
