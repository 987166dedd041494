package dev.modelmanager.discovery.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelmanager.discovery.domain.TestConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuantizationConfigParserTest {

  private static QuantizationConfig parse(String json) {
    return QuantizationConfigParser.parse(TestConfigs.parse(json), null);
  }

  @Test
  void missingConfigMeansUnquantized() {
    assertSame(QuantizationConfig.NONE, QuantizationConfigParser.parse(null, null));
  }

  @Test
  void awqFourBitGroup128CostsJustOverHalfAByte() {
    QuantizationConfig q =
        parse("{\"quant_method\":\"awq\",\"bits\":4,\"group_size\":128,\"zero_point\":true}");
    assertEquals(QuantMethod.AWQ, q.method());
    // 4/8 + (2-byte fp16 scale + 4-bit zero) / 128 = 0.5 + 2.5/128
    assertEquals(0.5 + 2.5 / 128, q.bytesPerQuantizedWeight(), 1e-12);
    assertEquals(128, q.shardAlignment());
  }

  @Test
  void gptqAlwaysStoresZeros() {
    QuantizationConfig q =
        parse(
            "{\"quant_method\":\"gptq\",\"bits\":4,\"group_size\":128,\"sym\":true,\"desc_act\":false}");
    assertTrue(q.zeroPoints());
    assertEquals(0.5 + 2.5 / 128, q.bytesPerQuantizedWeight(), 1e-12);
  }

  @Test
  void gptqPerChannelHasNoGroupOverhead() {
    QuantizationConfig q = parse("{\"quant_method\":\"gptq\",\"bits\":8,\"group_size\":-1}");
    assertEquals(0, q.groupSize());
    assertEquals(1.0, q.bytesPerQuantizedWeight(), 1e-12);
  }

  @Test
  void fp8BlockScalesAddOneFloatPerBlock() {
    QuantizationConfig q =
        parse(
            "{\"quant_method\":\"fp8\",\"activation_scheme\":\"dynamic\",\"fmt\":\"e4m3\","
                + "\"weight_block_size\":[128,128]}");
    assertEquals(List.of(128, 128), q.weightBlockSize());
    assertEquals(1 + 4.0 / (128 * 128), q.bytesPerQuantizedWeight(), 1e-12);
    assertEquals(128, q.shardAlignment());
  }

  @Test
  void mxfp4AddsOneScaleBytePer32AndOnlyCoversExperts() {
    QuantizationConfig q = parse("{\"quant_method\":\"mxfp4\"}");
    assertEquals(0.5 + 1.0 / 32, q.bytesPerQuantizedWeight(), 1e-12);
    assertTrue(q.expertsOnly());
  }

  @Test
  void bitsAndBytesFourBitWithAndWithoutDoubleQuant() {
    QuantizationConfig plain =
        parse(
            "{\"quant_method\":\"bitsandbytes\",\"load_in_4bit\":true,\"bnb_4bit_quant_type\":\"nf4\"}");
    assertEquals(0.5 + 4.0 / 64, plain.bytesPerQuantizedWeight(), 1e-12);
    QuantizationConfig dq =
        parse(
            "{\"quant_method\":\"bitsandbytes\",\"load_in_4bit\":true,"
                + "\"bnb_4bit_use_double_quant\":true}");
    assertEquals(0.5 + 1.0 / 64 + 4.0 / (64 * 256), dq.bytesPerQuantizedWeight(), 1e-12);
    QuantizationConfig eight = parse("{\"quant_method\":\"bitsandbytes\",\"load_in_8bit\":true}");
    assertEquals(1.0, eight.bytesPerQuantizedWeight(), 1e-12);
  }

  @Test
  void compressedTensorsW4A16GroupIsSymmetric() {
    QuantizationConfig q =
        parse(
            """
            {"quant_method":"compressed-tensors","format":"pack-quantized",
             "config_groups":{"group_0":{"targets":["Linear"],
               "weights":{"num_bits":4,"type":"int","symmetric":true,"strategy":"group","group_size":128}}}}
            """);
    assertEquals(4, q.weightBits());
    assertFalse(q.zeroPoints());
    assertEquals(0.5 + 2.0 / 128, q.bytesPerQuantizedWeight(), 1e-12);
  }

  @Test
  void compressedTensorsFp8WithKvCacheScheme() {
    QuantizationConfig q =
        parse(
            """
            {"quant_method":"compressed-tensors","format":"float-quantized",
             "config_groups":{"group_0":{"targets":["Linear"],
               "weights":{"num_bits":8,"type":"float","symmetric":true,"strategy":"channel","group_size":null}}},
             "kv_cache_scheme":{"num_bits":8,"type":"float","strategy":"tensor"}}
            """);
    assertEquals(1.0, q.bytesPerQuantizedWeight(), 1e-12);
    assertTrue(q.fp8KvCache());
  }

  @Test
  void modelOptFromHfQuantConfigFixture() {
    QuantizationConfig q =
        QuantizationConfigParser.parse(null, TestConfigs.json(TestConfigs.LLAMA_31_70B_FP8_QUANT));
    assertEquals(QuantMethod.MODELOPT, q.method());
    assertEquals("FP8", q.rawMethod());
    assertEquals(1.0, q.bytesPerQuantizedWeight(), 1e-12);
    assertTrue(q.fp8KvCache());
  }
}
