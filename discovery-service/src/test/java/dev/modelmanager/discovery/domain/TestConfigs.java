package dev.modelmanager.discovery.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.discovery.domain.model.ModelConfigParser;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the real config.json fixtures copied into src/test/resources/configs. */
public final class TestConfigs {

  public static final String LLAMA_31_8B = "meta-llama__Meta-Llama-3.1-8B.json";
  public static final String LLAMA_31_70B = "meta-llama__Meta-Llama-3.1-70B.json";
  public static final String LLAMA_31_70B_FP8 = "nvidia__Llama-3.1-70B-Instruct-FP8.json";
  public static final String LLAMA_31_70B_FP8_QUANT =
      "nvidia__Llama-3.1-70B-Instruct-FP8.hf_quant_config.json";
  public static final String LLAMA_2_7B = "meta-llama__Llama-2-7b-hf.resaved.json";
  public static final String MIXTRAL_8X7B = "mistralai__Mixtral-8x7B-v0.1.json";
  public static final String QWEN3_30B_A3B = "Qwen__Qwen3-30B-A3B.json";
  public static final String QWEN25_05B = "Qwen__Qwen2.5-0.5B.json";
  public static final String MISTRAL_7B_INSTRUCT_V03 = "mistralai__Mistral-7B-Instruct-v0.3.json";
  public static final String GEMMA3_27B_IT = "google__gemma-3-27b-it.json";
  public static final String PHI3_MINI =
      "microsoft__Phi-3-mini-4k-instruct.from_trtllm_test_dict.json";
  public static final String DEEPSEEK_V2_LITE =
      "deepseek-ai__DeepSeek-V2-Lite.from_mlc_preset.json";

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private TestConfigs() {}

  /** Reads a fixture as JSON. */
  public static JsonNode json(String file) {
    try (InputStream in = TestConfigs.class.getResourceAsStream("/configs/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + file);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a JSON literal (for inline test configs). */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a fixture config.json. */
  public static ModelGeometry geometry(String file) {
    return ModelConfigParser.parse(json(file));
  }

  /** The ModelOpt FP8 Llama-3.1-70B with its hf_quant_config.json. */
  public static ModelGeometry llama70bModelOptFp8() {
    return ModelConfigParser.parse(json(LLAMA_31_70B_FP8), json(LLAMA_31_70B_FP8_QUANT));
  }

  /** A fixture with extra top-level keys merged in (e.g. a quantization_config). */
  public static ModelGeometry geometryWith(String file, String extraJson) {
    com.fasterxml.jackson.databind.node.ObjectNode config =
        (com.fasterxml.jackson.databind.node.ObjectNode) json(file);
    parse(extraJson).fields().forEachRemaining(f -> config.set(f.getKey(), f.getValue()));
    return ModelConfigParser.parse(config);
  }
}
