package dev.modelmanager.discovery.domain.search;

import dev.modelmanager.discovery.domain.fit.FitConstants;
import dev.modelmanager.discovery.domain.gpu.GpuProfile;
import dev.modelmanager.discovery.domain.gpu.GpuVendor;
import dev.modelmanager.discovery.domain.model.DType;
import java.util.Map;
import java.util.Optional;

/**
 * The quick answer a search row can give: the fewest GPUs of a profile whose memory holds the
 * weights with room left for a KV cache, from the Hub's parameter counts alone. The full answer (KV
 * cache, context length, flags) needs config.json: that is the details endpoint's job.
 */
public final class WeightsFit {
  /** Share of the usable memory weights may take, so a useful KV cache still fits beside them. */
  static final double WEIGHTS_SHARE = 0.8;

  private WeightsFit() {}

  /** The verdict for one GPU kind. */
  public record Verdict(boolean fits, Integer minGpus, long weightsBytes) {}

  /** A GPU kind to check against: a catalog profile or an observed pool. */
  public record Target(String name, long memoryBytes, GpuVendor vendor, int gpusPerNode) {
    public static Target of(GpuProfile profile, int gpusPerNode) {
      return new Target(profile.id(), profile.memoryBytes(), profile.vendor(), gpusPerNode);
    }
  }

  /**
   * Weights bytes from per-dtype parameter counts as the Hub reports them (BF16, F8_E4M3, I32…).
   */
  public static Optional<Long> weightsBytes(Map<String, Long> parametersByDtype) {
    long bytes = 0;
    for (var e : parametersByDtype.entrySet()) {
      Optional<DType> dtype = DType.fromSafetensors(e.getKey());
      if (dtype.isEmpty()) {
        return Optional.empty();
      }
      bytes += dtype.get().bytesFor(e.getValue());
    }
    return bytes == 0 ? Optional.empty() : Optional.of(bytes);
  }

  public static Verdict check(long weightsBytes, GpuProfile gpu, int gpusPerNode) {
    return check(weightsBytes, Target.of(gpu, gpusPerNode));
  }

  public static Verdict check(long weightsBytes, Target gpu) {
    for (int tp : FitConstants.TENSOR_PARALLEL_SIZES) {
      if (tp > gpu.gpusPerNode()) {
        break;
      }
      if (weightsBytes / tp <= usableBytes(gpu, tp) * WEIGHTS_SHARE) {
        return new Verdict(true, tp, weightsBytes);
      }
    }
    return new Verdict(false, null, weightsBytes);
  }

  /** Memory vLLM may use on one GPU after the runtime's fixed costs (see FitConstants). */
  static long usableBytes(Target gpu, int tp) {
    long visible =
        gpu.memoryBytes()
            - (gpu.vendor() == GpuVendor.AMD
                ? FitConstants.AMD_DRIVER_RESERVED_BYTES
                : FitConstants.NVIDIA_DRIVER_RESERVED_BYTES);
    long fixed =
        FitConstants.ACTIVATION_BASE_BYTES
            + (tp == 1
                ? FitConstants.NON_TORCH_SINGLE_GPU_BYTES
                : FitConstants.NON_TORCH_TENSOR_PARALLEL_BYTES)
            + FitConstants.CUDA_GRAPH_DENSE_BYTES;
    return (long) (visible * FitConstants.DEFAULT_GPU_MEMORY_UTILIZATION) - fixed;
  }
}
