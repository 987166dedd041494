package dev.modelmanager.discovery.domain.model;

import java.util.Locale;
import java.util.Optional;

/** A tensor element type as written in safetensors headers, with its storage width in bits. */
public enum DType {
  F64(64),
  F32(32),
  F16(16),
  BF16(16),
  F8_E4M3(8),
  F8_E5M2(8),
  /** Power-of-two scale used by MXFP4 (one byte per 32 values). */
  F8_E8M0(8),
  /** Packed FP4 (e2m1); safetensors stores it as a 4-bit element. */
  F4(4),
  I64(64),
  I32(32),
  I16(16),
  I8(8),
  U64(64),
  U32(32),
  U16(16),
  U8(8),
  BOOL(8);

  private final int bits;

  DType(int bits) {
    this.bits = bits;
  }

  /** Storage width of one element in bits. */
  public int bits() {
    return bits;
  }

  /** Bytes needed to store {@code elements} values of this type, rounded up to whole bytes. */
  public long bytesFor(long elements) {
    return (elements * bits + 7) / 8;
  }

  /** Whether values are floating point (quantized integer containers are not). */
  public boolean isFloatingPoint() {
    return switch (this) {
      case F64, F32, F16, BF16, F8_E4M3, F8_E5M2, F8_E8M0, F4 -> true;
      default -> false;
    };
  }

  /** Parses a safetensors dtype name ("BF16", "F8_E4M3", "I32"...). */
  public static Optional<DType> fromSafetensors(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a torch dtype name as found in config.json {@code torch_dtype}/{@code dtype}
   * ("bfloat16", "float16", "float32", "float8_e4m3fn"...).
   */
  public static Optional<DType> fromTorchName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.trim().toLowerCase(Locale.ROOT).replace("torch.", "");
    return switch (n) {
      case "bfloat16", "bf16" -> Optional.of(BF16);
      case "float16", "half", "fp16", "f16" -> Optional.of(F16);
      case "float32", "float", "fp32", "f32" -> Optional.of(F32);
      case "float64", "double" -> Optional.of(F64);
      case "float8_e4m3fn", "float8_e4m3fnuz", "fp8", "fp8_e4m3" -> Optional.of(F8_E4M3);
      case "float8_e5m2", "float8_e5m2fnuz", "fp8_e5m2" -> Optional.of(F8_E5M2);
      default -> fromSafetensors(n);
    };
  }
}
