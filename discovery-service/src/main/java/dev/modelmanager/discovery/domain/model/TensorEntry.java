package dev.modelmanager.discovery.domain.model;

import java.util.List;
import java.util.Objects;

/** One tensor of a safetensors header: its name, element type and shape. */
public record TensorEntry(String name, DType dtype, List<Long> shape) {

  public TensorEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype");
    shape = List.copyOf(shape);
  }

  /** Number of stored elements (the product of the shape; 1 for a scalar). */
  public long elements() {
    long n = 1;
    for (long dim : shape) {
      n = Math.multiplyExact(n, dim);
    }
    return n;
  }

  /** Bytes this tensor occupies on disk. */
  public long bytes() {
    return dtype.bytesFor(elements());
  }
}
