package dev.modelmanager.discovery.domain.fit;

/**
 * Where one GPU's memory goes under an option.
 *
 * @param totalBytes memory as inventoried
 * @param visibleBytes what CUDA/HIP reports as total (inventory minus the driver's share)
 * @param usableBytes visible × gpu-memory-utilization: what vLLM may fill
 * @param weightsBytes this rank's weights
 * @param activationBytes profiled activation peak
 * @param nonTorchBytes allocations outside torch
 * @param cudaGraphBytes reserve for CUDA graphs
 * @param kvCacheBytes what is left for the KV cache (negative when weights do not fit)
 */
public record MemoryBreakdown(
    long totalBytes,
    long visibleBytes,
    long usableBytes,
    long weightsBytes,
    long activationBytes,
    long nonTorchBytes,
    long cudaGraphBytes,
    long kvCacheBytes) {

  /** Activation, non-torch and CUDA-graph memory together. */
  public long overheadBytes() {
    return activationBytes + nonTorchBytes + cudaGraphBytes;
  }
}
