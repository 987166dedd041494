package dev.modelmanager.discovery.domain.fit;

import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.discovery.domain.model.ParameterCount;
import java.util.List;
import java.util.Objects;

/**
 * What to size: a model, the GPUs on offer and the serving settings.
 *
 * @param geometry the parsed config.json
 * @param parameterCount exact counts from the safetensors headers, or null to estimate
 * @param gpus the GPU types to consider
 * @param gpuMemoryUtilization vLLM's {@code --gpu-memory-utilization}, null for 0.9
 * @param maxModelLen the context to serve, null for the largest that fits up to the model's limit
 * @param kvCacheDtype AUTO or FP8, null for AUTO
 * @param quantization null to size the checkpoint as is (plus vLLM's online FP8 when it is
 *     unquantized); "none" for the checkpoint only; "fp8" / "bitsandbytes" for vLLM's online
 *     quantization; "awq" / "gptq" to size a 4-bit pre-quantized variant
 */
public record FitRequest(
    ModelGeometry geometry,
    ParameterCount parameterCount,
    List<GpuOffer> gpus,
    Double gpuMemoryUtilization,
    Long maxModelLen,
    KvCacheDtype kvCacheDtype,
    String quantization) {

  public FitRequest {
    Objects.requireNonNull(geometry, "geometry");
    gpus = List.copyOf(Objects.requireNonNull(gpus, "gpus"));
    if (gpus.isEmpty()) {
      throw new IllegalArgumentException("at least one GPU type is required");
    }
    if (gpuMemoryUtilization != null && (gpuMemoryUtilization <= 0 || gpuMemoryUtilization > 1)) {
      throw new IllegalArgumentException("gpuMemoryUtilization must be in (0, 1]");
    }
    if (maxModelLen != null && maxModelLen <= 0) {
      throw new IllegalArgumentException("maxModelLen must be positive");
    }
  }

  /** A request with every setting at its default. */
  public static FitRequest of(ModelGeometry geometry, List<GpuOffer> gpus) {
    return new FitRequest(geometry, null, gpus, null, null, null, null);
  }

  /** The utilization to apply. */
  public double utilization() {
    return gpuMemoryUtilization == null
        ? FitConstants.DEFAULT_GPU_MEMORY_UTILIZATION
        : gpuMemoryUtilization;
  }

  /** The KV-cache dtype to apply. */
  public KvCacheDtype kvDtype() {
    return kvCacheDtype == null ? KvCacheDtype.AUTO : kvCacheDtype;
  }

  /** Copy with another context length. */
  public FitRequest withMaxModelLen(Long length) {
    return new FitRequest(
        geometry, parameterCount, gpus, gpuMemoryUtilization, length, kvCacheDtype, quantization);
  }

  /** Copy with another KV-cache dtype. */
  public FitRequest withKvCacheDtype(KvCacheDtype dtype) {
    return new FitRequest(
        geometry, parameterCount, gpus, gpuMemoryUtilization, maxModelLen, dtype, quantization);
  }

  /** Copy with another quantization choice. */
  public FitRequest withQuantization(String method) {
    return new FitRequest(
        geometry, parameterCount, gpus, gpuMemoryUtilization, maxModelLen, kvCacheDtype, method);
  }

  /** Copy with exact parameter counts. */
  public FitRequest withParameterCount(ParameterCount count) {
    return new FitRequest(
        geometry, count, gpus, gpuMemoryUtilization, maxModelLen, kvCacheDtype, quantization);
  }

  /** Copy with another utilization. */
  public FitRequest withGpuMemoryUtilization(Double utilization) {
    return new FitRequest(
        geometry, parameterCount, gpus, utilization, maxModelLen, kvCacheDtype, quantization);
  }
}
