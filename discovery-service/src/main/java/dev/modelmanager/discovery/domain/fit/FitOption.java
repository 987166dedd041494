package dev.modelmanager.discovery.domain.fit;

import java.util.List;

/**
 * One way to serve the model: a GPU type, a tensor-parallel size and a weight format.
 *
 * @param gpu GPU type (catalog id when known)
 * @param tensorParallelSize GPUs used, all on one node
 * @param quantization weight format: "none", the checkpoint's method, or the online/variant method
 *     sized
 * @param fits whether vLLM starts and serves at least one request of {@code maxModelLen}
 * @param weightsBytesPerGpu weights each GPU holds
 * @param kvCacheBytesPerGpu KV cache each GPU gets (0 when the weights do not fit)
 * @param maxModelLen the context the vLLM arguments set (requested, or the largest that fits up to
 *     the model's limit when none was requested)
 * @param largestFittingModelLen the largest context that fits, rounded down to 256 tokens unless it
 *     is the model's limit (0 when nothing fits)
 * @param maxConcurrency full-length requests the KV cache holds at {@code maxModelLen}
 * @param kvCacheDtype "auto" or "fp8"
 * @param expertParallel whether MoE experts are spread with {@code --enable-expert-parallel}
 * @param vllmArgs arguments for {@code vllm serve}, one {@code --flag=value} per element
 * @param explanation sentences explaining the numbers, and what would make it fit when it does not
 * @param memory where one GPU's memory goes
 * @param marginBytes memory left on each GPU after weights, overheads and the KV cache of one
 *     request of {@code maxModelLen} (negative when it does not fit); below the engine's floor
 *     (default 0.5 GiB) the option does not fit
 */
public record FitOption(
    String gpu,
    int tensorParallelSize,
    String quantization,
    boolean fits,
    long weightsBytesPerGpu,
    long kvCacheBytesPerGpu,
    long maxModelLen,
    long largestFittingModelLen,
    double maxConcurrency,
    String kvCacheDtype,
    boolean expertParallel,
    List<String> vllmArgs,
    String explanation,
    MemoryBreakdown memory,
    long marginBytes) {

  public FitOption {
    vllmArgs = List.copyOf(vllmArgs);
  }
}
