package dev.modelmanager.discovery.domain.fit;

import dev.modelmanager.discovery.domain.model.ModelGeometry;

/**
 * The sizing of one (GPU, TP plan, weight format, KV dtype), before it is turned into an option.
 *
 * @param geometry the model with the weight format applied
 * @param kvElementBytes bytes of one cached element
 * @param modelCap the model's context limit
 * @param requestedLen the requested max-model-len, or null
 * @param maxModelLen the context the option sets
 * @param largest the largest context that fits (rounded), 0 when none
 * @param supported whether the GPU can run the weight format at all
 * @param fits whether vLLM serves at least one request of maxModelLen
 * @param concurrency full-length requests the KV cache holds at maxModelLen
 * @param marginBytes memory left after weights, overheads and one request of maxModelLen
 * @param marginFloorBytes the least margin an option must keep to fit
 */
record Evaluation(
    ResolvedGpu gpu,
    TensorParallelPlanner.Plan plan,
    QuantChoice quant,
    KvCacheDtype kvDtype,
    ModelGeometry geometry,
    MemoryBreakdown memory,
    int kvElementBytes,
    long modelCap,
    Long requestedLen,
    long maxModelLen,
    long largest,
    boolean supported,
    boolean fits,
    double concurrency,
    long marginBytes,
    long marginFloorBytes) {

  /** Whether everything else fits but the margin is below the floor. */
  boolean onlyMarginFails() {
    return !fits && supported && weightsFit() && marginBytes >= 0 && marginBytes < marginFloorBytes;
  }

  int tp() {
    return plan.tensorParallelSize();
  }

  boolean weightsFit() {
    return memory.kvCacheBytes() > 0;
  }

  long kvBytesPerTokenPerRank() {
    return KvCacheCalculator.bytesPerTokenPerRank(geometry, tp(), kvElementBytes);
  }

  long kvBytesFor(long tokens) {
    return KvCacheCalculator.bytesPerRequest(
        geometry, tp(), kvElementBytes, tokens, gpu.maxNumBatchedTokens());
  }
}
