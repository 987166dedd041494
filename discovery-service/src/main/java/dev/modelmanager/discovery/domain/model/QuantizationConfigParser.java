package dev.modelmanager.discovery.domain.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code quantization_config} from config.json and ModelOpt's {@code hf_quant_config.json}.
 */
public final class QuantizationConfigParser {

  private static final int DEFAULT_GROUP = 128;
  private static final int FP16_SCALE_BYTES = 2;
  private static final int FP32_SCALE_BYTES = 4;
  private static final int FP8_SCALE_BYTES = 1;
  private static final int MXFP4_GROUP = 32;
  private static final int NVFP4_GROUP = 16;

  private QuantizationConfigParser() {}

  /**
   * Parses the quantization of a checkpoint.
   *
   * @param quantizationConfig the {@code quantization_config} object of config.json, or null
   * @param hfQuantConfig the whole hf_quant_config.json (ModelOpt), or null; it wins when present
   */
  public static QuantizationConfig parse(JsonNode quantizationConfig, JsonNode hfQuantConfig) {
    if (present(hfQuantConfig) && present(hfQuantConfig.get("quantization"))) {
      return modelOpt(hfQuantConfig.get("quantization"));
    }
    if (!present(quantizationConfig)) {
      return QuantizationConfig.NONE;
    }
    String raw = quantizationConfig.path("quant_method").asText(null);
    QuantMethod method = QuantMethod.fromConfig(raw);
    return switch (method) {
      case AWQ -> groupwise(method, raw, quantizationConfig, quantizationConfig.path("zero_point"));
      case GPTQ -> groupwise(method, raw, quantizationConfig, null);
      case FP8 -> fp8(raw, quantizationConfig);
      case COMPRESSED_TENSORS -> compressedTensors(raw, quantizationConfig);
      case MXFP4 ->
          new QuantizationConfig(
              method, raw, 4, MXFP4_GROUP, List.of(), false, 1, true, false, false);
      case BITSANDBYTES -> bitsAndBytes(raw, quantizationConfig);
      case MODELOPT -> modelOpt(quantizationConfig);
      case NONE -> QuantizationConfig.NONE;
      default -> other(method, raw, quantizationConfig);
    };
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  private static int groupSize(JsonNode node, int fallback) {
    JsonNode g = node.get("group_size");
    if (!present(g)) {
      return fallback;
    }
    return Math.max(g.asInt(), 0); // -1 means one scale per output channel
  }

  private static QuantizationConfig groupwise(
      QuantMethod method, String raw, JsonNode q, JsonNode zeroPointFlag) {
    int bits = q.path("bits").asInt(4);
    // GPTQ files always carry qzeros; AWQ only when zero_point is true (its default).
    boolean zeros = zeroPointFlag == null || !present(zeroPointFlag) || zeroPointFlag.asBoolean();
    return new QuantizationConfig(
        method,
        raw,
        bits,
        groupSize(q, DEFAULT_GROUP),
        List.of(),
        zeros,
        FP16_SCALE_BYTES,
        false,
        false,
        false);
  }

  private static QuantizationConfig fp8(String raw, JsonNode q) {
    return new QuantizationConfig(
        QuantMethod.FP8,
        raw,
        8,
        0,
        ints(q.get("weight_block_size")),
        false,
        FP32_SCALE_BYTES,
        false,
        false,
        false);
  }

  private static QuantizationConfig compressedTensors(String raw, JsonNode q) {
    JsonNode weights = firstGroupWeights(q.path("config_groups"));
    String format = q.path("format").asText("").toLowerCase(Locale.ROOT);
    boolean fp8Kv =
        present(q.get("kv_cache_scheme")) && q.get("kv_cache_scheme").path("num_bits").asInt() == 8;
    if (format.contains("nvfp4")) {
      return new QuantizationConfig(
          QuantMethod.COMPRESSED_TENSORS,
          raw,
          4,
          NVFP4_GROUP,
          List.of(),
          false,
          FP8_SCALE_BYTES,
          false,
          fp8Kv,
          false);
    }
    int bits = weights.path("num_bits").asInt(8);
    boolean isFloat = "float".equals(weights.path("type").asText("int"));
    List<Integer> block = ints(weights.get("block_structure"));
    int group = groupSize(weights, 0);
    boolean zeros = !weights.path("symmetric").asBoolean(true);
    int scale = isFloat ? FP32_SCALE_BYTES : FP16_SCALE_BYTES;
    return new QuantizationConfig(
        QuantMethod.COMPRESSED_TENSORS, raw, bits, group, block, zeros, scale, false, fp8Kv, false);
  }

  private static JsonNode firstGroupWeights(JsonNode groups) {
    Iterator<JsonNode> it = groups.elements();
    while (it.hasNext()) {
      JsonNode weights = it.next().path("weights");
      if (present(weights)) {
        return weights;
      }
    }
    return groups.path("missing");
  }

  private static QuantizationConfig bitsAndBytes(String raw, JsonNode q) {
    boolean fourBit = q.path("load_in_4bit").asBoolean(false);
    boolean doubleQuant = q.path("bnb_4bit_use_double_quant").asBoolean(false);
    return new QuantizationConfig(
        QuantMethod.BITSANDBYTES,
        raw,
        fourBit ? 4 : 8,
        fourBit ? 64 : 0,
        List.of(),
        false,
        FP32_SCALE_BYTES,
        false,
        false,
        doubleQuant);
  }

  private static QuantizationConfig modelOpt(JsonNode q) {
    String algo = q.path("quant_algo").asText("FP8").toUpperCase(Locale.ROOT);
    boolean fp8Kv =
        q.path("kv_cache_quant_algo").asText("").toUpperCase(Locale.ROOT).startsWith("FP8");
    if (algo.contains("FP4")) {
      return new QuantizationConfig(
          QuantMethod.MODELOPT,
          algo,
          4,
          NVFP4_GROUP,
          List.of(),
          false,
          FP8_SCALE_BYTES,
          false,
          fp8Kv,
          false);
    }
    return new QuantizationConfig(
        QuantMethod.MODELOPT, algo, 8, 0, List.of(), false, FP32_SCALE_BYTES, false, fp8Kv, false);
  }

  private static QuantizationConfig other(QuantMethod method, String raw, JsonNode q) {
    int bits = q.path("bits").asInt(q.path("weight_bits").asInt(8));
    return new QuantizationConfig(
        method,
        raw,
        bits,
        groupSize(q, 0),
        List.of(),
        false,
        FP16_SCALE_BYTES,
        false,
        false,
        false);
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> values = new ArrayList<>();
    if (present(array) && array.isArray()) {
      array.forEach(v -> values.add(v.asInt()));
    }
    return values;
  }
}
