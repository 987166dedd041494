package dev.modelmanager.testkit.hub;

import java.util.List;
import java.util.Locale;

/** One tensor of a safetensors file: its name, dtype (e.g. {@code BF16}) and shape. */
public record TensorSpec(String name, String dtype, List<Long> shape) {

  public TensorSpec {
    dtype = dtype.toUpperCase(Locale.ROOT);
    shape = List.copyOf(shape);
    bytesPerElement(dtype);
  }

  /** Creates a spec from a shape given as varargs. */
  public static TensorSpec of(String name, String dtype, long... shape) {
    return new TensorSpec(name, dtype, java.util.Arrays.stream(shape).boxed().toList());
  }

  /** Number of elements: the product of the shape (1 for a scalar). */
  public long elements() {
    long count = 1;
    for (long dimension : shape) {
      count = Math.multiplyExact(count, dimension);
    }
    return count;
  }

  /** Size of the tensor data in bytes. */
  public long bytes() {
    return Math.multiplyExact(elements(), bytesPerElement(dtype));
  }

  /** Bytes per element of a safetensors dtype name. */
  public static int bytesPerElement(String dtype) {
    return switch (dtype.toUpperCase(Locale.ROOT)) {
      case "F64", "I64", "U64" -> 8;
      case "F32", "I32", "U32" -> 4;
      case "F16", "BF16", "I16", "U16" -> 2;
      case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2", "F8_E8M0" -> 1;
      default -> throw new IllegalArgumentException("unknown safetensors dtype " + dtype);
    };
  }

  /** Maps a config {@code torch_dtype} (e.g. {@code bfloat16}) to a safetensors dtype name. */
  public static String dtypeOfTorch(String torchDtype) {
    if (torchDtype == null) {
      return "BF16";
    }
    return switch (torchDtype.replace("torch.", "").toLowerCase(Locale.ROOT)) {
      case "float16", "half" -> "F16";
      case "float32", "float" -> "F32";
      case "float64", "double" -> "F64";
      default -> "BF16";
    };
  }
}
