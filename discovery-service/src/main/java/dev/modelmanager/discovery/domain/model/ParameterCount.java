package dev.modelmanager.discovery.domain.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Exact parameter counts of a checkpoint, per dtype, as read from its safetensors headers.
 *
 * <p>Like the Hub's {@code safetensors.parameters}, a "parameter" is a stored element: a GPTQ
 * {@code qweight} in I32 counts once per int32 although it packs eight 4-bit weights. {@code
 * weightsBytes} is the exact on-disk size of the tensors (elements × dtype width).
 */
public record ParameterCount(long total, Map<DType, Long> byDtype, long weightsBytes) {

  public ParameterCount {
    Map<DType, Long> copy = new EnumMap<>(DType.class);
    copy.putAll(byDtype);
    byDtype = Collections.unmodifiableMap(copy);
  }

  /** Sums a list of tensor entries (all shards of a checkpoint). */
  public static ParameterCount fromTensors(List<TensorEntry> tensors) {
    Map<DType, Long> counts = new EnumMap<>(DType.class);
    long total = 0;
    long bytes = 0;
    for (TensorEntry tensor : tensors) {
      long elements = tensor.elements();
      counts.merge(tensor.dtype(), elements, Long::sum);
      total += elements;
      bytes += tensor.bytes();
    }
    return new ParameterCount(total, counts, bytes);
  }

  /** Builds a count from the Hub's per-dtype totals ({@code safetensors.parameters}). */
  public static ParameterCount fromDtypeTotals(Map<DType, Long> totals) {
    long total = 0;
    long bytes = 0;
    for (Map.Entry<DType, Long> e : totals.entrySet()) {
      total += e.getValue();
      bytes += e.getKey().bytesFor(e.getValue());
    }
    return new ParameterCount(total, totals, bytes);
  }

  /** Elements stored in the given dtype (0 when absent). */
  public long count(DType dtype) {
    return byDtype.getOrDefault(dtype, 0L);
  }

  /** Whether the checkpoint stores packed integer or 8-bit float weights, i.e. is quantized. */
  public boolean looksQuantized() {
    return count(DType.I32) + count(DType.U8) + count(DType.I8) + count(DType.F8_E4M3) > 0;
  }
}
