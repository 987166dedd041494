package dev.modelmanager.discovery.domain.model;

import java.util.Locale;

/** Weight quantization formats a checkpoint can declare, with the name vLLM uses for each. */
public enum QuantMethod {
  NONE(null),
  AWQ("awq"),
  GPTQ("gptq"),
  FP8("fp8"),
  COMPRESSED_TENSORS("compressed-tensors"),
  MXFP4("mxfp4"),
  BITSANDBYTES("bitsandbytes"),
  /** NVIDIA ModelOpt checkpoints (FP8 or NVFP4, described by hf_quant_config.json). */
  MODELOPT("modelopt"),
  GGUF("gguf"),
  OTHER(null);

  private final String vllmName;

  QuantMethod(String vllmName) {
    this.vllmName = vllmName;
  }

  /** The value vLLM's {@code --quantization} flag takes for this format, or null. */
  public String vllmName() {
    return vllmName;
  }

  /** Maps a {@code quant_method} string from config.json. */
  public static QuantMethod fromConfig(String quantMethod) {
    if (quantMethod == null || quantMethod.isBlank()) {
      return NONE;
    }
    return switch (quantMethod.trim().toLowerCase(Locale.ROOT)) {
      case "awq", "awq_marlin" -> AWQ;
      case "gptq", "gptq_marlin" -> GPTQ;
      case "fp8", "fbgemm_fp8" -> FP8;
      case "compressed-tensors", "compressed_tensors" -> COMPRESSED_TENSORS;
      case "mxfp4" -> MXFP4;
      case "bitsandbytes" -> BITSANDBYTES;
      case "modelopt", "modelopt_fp4" -> MODELOPT;
      case "gguf" -> GGUF;
      default -> OTHER;
    };
  }
}
