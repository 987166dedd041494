package dev.modelmanager.discovery.domain.model;

import java.util.List;

/**
 * How a checkpoint's linear-layer weights are quantized, reduced to what sizing needs.
 *
 * @param method the format
 * @param rawMethod {@code quant_method} (or ModelOpt {@code quant_algo}) as written
 * @param weightBits bits per quantized weight (4 or 8)
 * @param groupSize weights sharing one scale along the input dimension; 0 = per channel/tensor
 * @param weightBlockSize FP8 block shape [n, k] with one fp32 scale per block; empty if none
 * @param zeroPoints whether a packed zero point is stored per group (asymmetric AWQ/GPTQ)
 * @param scaleBytes bytes of one group scale (fp16/bf16 = 2, fp8 = 1, e8m0 = 1, fp32 = 4)
 * @param expertsOnly only MoE expert weights are quantized (gpt-oss MXFP4)
 * @param fp8KvCache the checkpoint ships FP8 KV-cache scales
 * @param bnbDoubleQuant bitsandbytes 4-bit with double quantization of its absmax scales
 */
public record QuantizationConfig(
    QuantMethod method,
    String rawMethod,
    int weightBits,
    int groupSize,
    List<Integer> weightBlockSize,
    boolean zeroPoints,
    int scaleBytes,
    boolean expertsOnly,
    boolean fp8KvCache,
    boolean bnbDoubleQuant) {

  /** The configuration of an unquantized checkpoint. */
  public static final QuantizationConfig NONE =
      new QuantizationConfig(
          QuantMethod.NONE, null, 16, 0, List.of(), false, 0, false, false, false);

  public QuantizationConfig {
    weightBlockSize = weightBlockSize == null ? List.of() : List.copyOf(weightBlockSize);
  }

  /** Whether weights are quantized at all. */
  public boolean isQuantized() {
    return method != QuantMethod.NONE;
  }

  /**
   * Average bytes per quantized weight including its scales and zero points.
   *
   * <p>AWQ/GPTQ b-bit, group g: b/8 + (scale + packed zero)/g, e.g. 4-bit g128 = 0.5 + 2.5/128. FP8
   * with [128,128] blocks: 1 + 4/16384. MXFP4: 0.5 + 1/32 (one e8m0 byte per 32). NVFP4: 0.5 + 1/16
   * (one fp8 scale per 16). bitsandbytes nf4: 0.5 + fp32 absmax per 64 (or 1 byte per 64 plus a
   * second-level fp32 per 256 blocks with double quantization).
   */
  public double bytesPerQuantizedWeight() {
    double base = weightBits / 8.0;
    if (method == QuantMethod.BITSANDBYTES) {
      return weightBits == 4
          ? base + (bnbDoubleQuant ? 1.0 / 64 + 4.0 / (64 * 256) : 4.0 / 64)
          : 1.0;
    }
    if (weightBlockSize.size() == 2) {
      return base + 4.0 / ((double) weightBlockSize.get(0) * weightBlockSize.get(1));
    }
    if (groupSize > 0) {
      double zero = zeroPoints ? weightBits / 8.0 : 0;
      return base + (scaleBytes + zero) / groupSize;
    }
    return base;
  }

  /** Alignment the per-rank slice of a quantized input dimension must honour (0 = none). */
  public int shardAlignment() {
    if (weightBlockSize.size() == 2) {
      return weightBlockSize.get(1);
    }
    return method == QuantMethod.AWQ
            || method == QuantMethod.GPTQ
            || method == QuantMethod.COMPRESSED_TENSORS
        ? Math.max(groupSize, 0)
        : 0;
  }
}
