package dev.modelmanager.discovery.domain.fit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@code vllm serve} arguments, one {@code --flag=value} per element so that each element
 * can go straight into a container's {@code args} list.
 *
 * <p>Only what differs from vLLM's behaviour by default or what the sizing depends on is emitted:
 * TP size, max-model-len and utilization always (the fit was computed for them); {@code
 * --quantization} only for online quantization (vLLM detects pre-quantized checkpoints from their
 * config and upgrades AWQ/GPTQ to the Marlin kernels itself); {@code --dtype bfloat16} for float32
 * checkpoints; {@code --kv-cache-dtype fp8}, {@code --enable-expert-parallel} and {@code
 * --trust-remote-code} when chosen or required.
 */
public final class VllmArgsBuilder {

  private int tensorParallelSize = 1;
  private long maxModelLen;
  private double gpuMemoryUtilization = FitConstants.DEFAULT_GPU_MEMORY_UTILIZATION;
  private String dtype;
  private String quantization;
  private boolean kvCacheFp8;
  private boolean expertParallel;
  private boolean trustRemoteCode;

  /** Sets {@code --tensor-parallel-size}. */
  public VllmArgsBuilder tensorParallelSize(int size) {
    this.tensorParallelSize = size;
    return this;
  }

  /** Sets {@code --max-model-len} (omitted when not positive). */
  public VllmArgsBuilder maxModelLen(long length) {
    this.maxModelLen = length;
    return this;
  }

  /** Sets {@code --gpu-memory-utilization}. */
  public VllmArgsBuilder gpuMemoryUtilization(double utilization) {
    this.gpuMemoryUtilization = utilization;
    return this;
  }

  /** Sets {@code --dtype} (null to leave vLLM's "auto"). */
  public VllmArgsBuilder dtype(String value) {
    this.dtype = value;
    return this;
  }

  /** Sets {@code --quantization} (null when vLLM detects it). */
  public VllmArgsBuilder quantization(String method) {
    this.quantization = method;
    return this;
  }

  /** Adds {@code --kv-cache-dtype=fp8}. */
  public VllmArgsBuilder kvCacheFp8(boolean enabled) {
    this.kvCacheFp8 = enabled;
    return this;
  }

  /** Adds {@code --enable-expert-parallel}. */
  public VllmArgsBuilder expertParallel(boolean enabled) {
    this.expertParallel = enabled;
    return this;
  }

  /** Adds {@code --trust-remote-code}. */
  public VllmArgsBuilder trustRemoteCode(boolean enabled) {
    this.trustRemoteCode = enabled;
    return this;
  }

  /** The arguments in a stable order. */
  public List<String> build() {
    List<String> args = new ArrayList<>();
    args.add("--tensor-parallel-size=" + tensorParallelSize);
    if (maxModelLen > 0) {
      args.add("--max-model-len=" + maxModelLen);
    }
    args.add("--gpu-memory-utilization=" + plain(gpuMemoryUtilization));
    if (dtype != null) {
      args.add("--dtype=" + dtype);
    }
    if (quantization != null) {
      args.add("--quantization=" + quantization);
    }
    if (kvCacheFp8) {
      args.add("--kv-cache-dtype=fp8");
    }
    if (expertParallel) {
      args.add("--enable-expert-parallel");
    }
    if (trustRemoteCode) {
      args.add("--trust-remote-code");
    }
    return args;
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
