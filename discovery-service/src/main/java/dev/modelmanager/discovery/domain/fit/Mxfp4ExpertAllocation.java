package dev.modelmanager.discovery.domain.fit;

import dev.modelmanager.discovery.domain.gpu.GpuVendor;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.discovery.domain.model.MoeGeometry;
import dev.modelmanager.discovery.domain.model.QuantMethod;
import java.util.Locale;

/**
 * What vLLM allocates for MXFP4 MoE expert weights (gpt-oss) beyond the checkpoint's own bytes, per
 * rank, following {@code Mxfp4MoEMethod.create_weights} and {@code process_weights_after_loading}
 * ({@code vllm/model_executor/layers/quantization/mxfp4.py}).
 *
 * <p>The checkpoint holds per expert gate/up ({@code 2I × H}) and down ({@code H × I}) as packed
 * e2m1 (half a byte) plus one e8m0 scale byte per 32 values, and bf16 biases. vLLM picks a kernel
 * backend by GPU ({@code get_mxfp4_backend}) and each backend allocates differently:
 *
 * <ul>
 *   <li>Hopper (SM90) → Triton ({@code triton_kernels} matmul_ogs): the intermediate size per rank
 *       is padded to 64; the weights are swizzled in place of the originals, but the swizzled
 *       scales ({@code HopperMXScaleLayout}: rows padded to 2 × 8 warps × 2 × 8 = 256, columns to
 *       even) are a <em>second</em> copy next to the loaded {@code w13/w2_weight_scale} parameters,
 *       and the biases are converted to float32.
 *   <li>Blackwell (SM100) → FlashInfer: intermediate and hidden sizes padded to 256.
 *   <li>Ampere/Ada → Marlin: intermediate padded to 128, hidden to 256.
 *   <li>ROCm → Triton with intermediate and hidden padded to 256 ({@code get_padding_alignment},
 *       the larger of its alignments).
 * </ul>
 *
 * For gpt-oss-20b/120b on an H100 this adds 0.60 / 3.61 GiB to the checkpoint's 12.80 / 60.69 GiB:
 * 13.40 / 64.30 GiB against the 13.47 / 64.38 GiB vLLM logs.
 */
final class Mxfp4ExpertAllocation {
  private static final int MX_BLOCK = 32;
  private static final int HOPPER_SCALE_ROWS = 256;

  private Mxfp4ExpertAllocation() {}

  /** Extra bytes per rank for MXFP4 experts on this GPU; 0 for any other model. */
  static long extraBytesPerRank(ModelGeometry g, int tp, boolean expertParallel, ResolvedGpu gpu) {
    if (!g.isMoe() || g.quantization().method() != QuantMethod.MXFP4) {
      return 0;
    }
    MoeGeometry moe = g.moe();
    long experts = expertParallel ? ceilDiv(moe.numExperts(), tp) : moe.numExperts();
    long intermediate =
        expertParallel ? moe.expertIntermediateSize() : ceilDiv(moe.expertIntermediateSize(), tp);
    long hidden = g.hiddenSize();
    double checkpoint = experts * 3.0 * intermediate * hidden * (0.5 + 1.0 / MX_BLOCK);
    double allocated = experts * perExpertBytes(intermediate, hidden, backend(gpu));
    long layers = g.numHiddenLayers() - (long) moe.denseLayers();
    return Math.max(0, Math.round((allocated - checkpoint) * layers));
  }

  enum Backend {
    TRITON_HOPPER,
    FLASHINFER_BLACKWELL,
    MARLIN,
    TRITON_ROCM
  }

  static Backend backend(ResolvedGpu gpu) {
    if (gpu.vendor() == GpuVendor.AMD) {
      return Backend.TRITON_ROCM;
    }
    String arch =
        gpu.profile().map(p -> p.architecture().toLowerCase(Locale.ROOT)).orElse("ampere");
    return switch (arch) {
      case "hopper" -> Backend.TRITON_HOPPER;
      case "blackwell" -> Backend.FLASHINFER_BLACKWELL;
      default -> Backend.MARLIN;
    };
  }

  private static double perExpertBytes(long intermediate, long hidden, Backend backend) {
    return switch (backend) {
      case TRITON_HOPPER -> hopperBytes(roundUp(intermediate, 64), hidden);
      case FLASHINFER_BLACKWELL, TRITON_ROCM ->
          paddedBytes(roundUp(intermediate, 256), roundUp(hidden, 256));
      case MARLIN -> paddedBytes(roundUp(intermediate, 128), roundUp(hidden, 256));
    };
  }

  /** Packed weights and scales, once, at padded sizes, with bf16 biases. */
  private static double paddedBytes(long i, long h) {
    return 3.0 * i * h / 2 + 3.0 * i * h / MX_BLOCK + (2 * i + h) * 2.0;
  }

  /** Packed weights, loaded scales, swizzled scales, float32 biases. */
  private static double hopperBytes(long i, long h) {
    double weights = 3.0 * i * h / 2;
    double scales = 3.0 * i * h / MX_BLOCK;
    double swizzled =
        roundUp(2 * i, HOPPER_SCALE_ROWS) * roundUp(h / MX_BLOCK, 2)
            + roundUp(h, HOPPER_SCALE_ROWS) * roundUp(i / MX_BLOCK, 2);
    return weights + scales + swizzled + (2 * i + h) * 4.0;
  }

  private static long roundUp(long value, long multiple) {
    return ceilDiv(value, multiple) * multiple;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
