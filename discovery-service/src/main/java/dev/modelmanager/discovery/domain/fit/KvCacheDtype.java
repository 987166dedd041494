package dev.modelmanager.discovery.domain.fit;

import java.util.Locale;

/** The KV-cache element type, as vLLM's {@code --kv-cache-dtype} takes it. */
public enum KvCacheDtype {
  /** The model's compute dtype (16 bit). */
  AUTO,
  /** FP8 (e4m3 on CUDA): half the bytes of a 16-bit cache. */
  FP8;

  /** Parses "auto", "fp8", "fp8_e4m3", "fp8_e5m2"; null means AUTO. */
  public static KvCacheDtype parse(String value) {
    if (value == null || value.isBlank() || "auto".equalsIgnoreCase(value.trim())) {
      return AUTO;
    }
    if (value.trim().toLowerCase(Locale.ROOT).startsWith("fp8")) {
      return FP8;
    }
    throw new IllegalArgumentException("kvCacheDtype must be auto or fp8, not " + value);
  }
}
