package dev.modelmanager.discovery.domain.fit;

import dev.modelmanager.discovery.domain.model.QuantMethod;
import dev.modelmanager.discovery.domain.model.QuantizationConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A weight format to size: the checkpoint as is, vLLM's online quantization, or a pre-quantized
 * variant that would have to be downloaded instead.
 *
 * @param label what options report as their quantization
 * @param config how the weights are stored
 * @param vllmFlag value for {@code --quantization}, or null when vLLM detects it from the config
 * @param checkpoint whether this is the checkpoint as published
 * @param variant whether another (pre-quantized) repository is needed
 */
record QuantChoice(
    String label, QuantizationConfig config, String vllmFlag, boolean checkpoint, boolean variant) {

  /** vLLM's online FP8: per-tensor FP8 weights with one fp32 scale each. */
  static final QuantizationConfig ONLINE_FP8 =
      new QuantizationConfig(
          QuantMethod.FP8, "fp8", 8, 0, List.of(), false, 4, false, false, false);

  /** vLLM's in-flight bitsandbytes: NF4 with fp32 absmax per 64 weights. */
  static final QuantizationConfig ONLINE_BNB =
      new QuantizationConfig(
          QuantMethod.BITSANDBYTES,
          "bitsandbytes",
          4,
          64,
          List.of(),
          false,
          4,
          false,
          false,
          false);

  /** A typical AWQ release: 4-bit, group 128, fp16 scales and packed zero points. */
  static final QuantizationConfig AWQ_4BIT =
      new QuantizationConfig(
          QuantMethod.AWQ, "awq", 4, 128, List.of(), true, 2, false, false, false);

  /** A typical GPTQ release: 4-bit, group 128, fp16 scales and packed zero points. */
  static final QuantizationConfig GPTQ_4BIT =
      new QuantizationConfig(
          QuantMethod.GPTQ, "gptq", 4, 128, List.of(), true, 2, false, false, false);

  /** The formats a request asks to size. */
  static List<QuantChoice> resolve(QuantizationConfig checkpoint, String requested) {
    QuantChoice asIs = asPublished(checkpoint);
    String q = requested == null ? null : requested.trim().toLowerCase(Locale.ROOT);
    List<QuantChoice> choices = new ArrayList<>();
    if (q == null) {
      choices.add(asIs);
      if (!checkpoint.isQuantized()) {
        choices.add(new QuantChoice("fp8", ONLINE_FP8, "fp8", false, false));
      }
      return choices;
    }
    if (q.isEmpty() || q.equals("none") || q.equals("auto")) {
      return List.of(asIs);
    }
    if (checkpoint.isQuantized()) {
      if (QuantMethod.fromConfig(q) != checkpoint.method()) {
        throw new IllegalArgumentException(
            "the checkpoint is already quantized with " + asIs.label() + ", not " + requested);
      }
      return List.of(asIs);
    }
    return List.of(online(q, requested));
  }

  private static QuantChoice asPublished(QuantizationConfig checkpoint) {
    String label = checkpoint.isQuantized() ? methodLabel(checkpoint) : "none";
    return new QuantChoice(label, checkpoint, null, true, false);
  }

  private static String methodLabel(QuantizationConfig q) {
    String name = q.method().vllmName();
    return name != null ? name : q.rawMethod();
  }

  private static QuantChoice online(String q, String requested) {
    return switch (QuantMethod.fromConfig(q)) {
      case FP8 -> new QuantChoice("fp8", ONLINE_FP8, "fp8", false, false);
      case BITSANDBYTES ->
          new QuantChoice("bitsandbytes", ONLINE_BNB, "bitsandbytes", false, false);
      case AWQ -> new QuantChoice("awq", AWQ_4BIT, null, false, true);
      case GPTQ -> new QuantChoice("gptq", GPTQ_4BIT, null, false, true);
      default ->
          throw new IllegalArgumentException(
              "quantization must be none, fp8, bitsandbytes, awq or gptq, not " + requested);
    };
  }

  /** Whether the weights need FP8 support on the GPU. */
  boolean needsFp8() {
    QuantMethod m = config.method();
    return config.weightBits() == 8
        && (m == QuantMethod.FP8
            || m == QuantMethod.MODELOPT
            || (m == QuantMethod.COMPRESSED_TENSORS && config.scaleBytes() == 4));
  }
}
