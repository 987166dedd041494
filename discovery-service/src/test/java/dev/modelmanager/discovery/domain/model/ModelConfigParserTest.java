package dev.modelmanager.discovery.domain.model;

import static dev.modelmanager.discovery.domain.TestConfigs.geometry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelmanager.discovery.domain.TestConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelConfigParserTest {

  @Test
  void readsLlama31GeometryWithGroupedQueryAttention() {
    ModelGeometry g = geometry(TestConfigs.LLAMA_31_8B);
    assertEquals(List.of("LlamaForCausalLM"), g.architectures());
    assertEquals("llama", g.modelType());
    assertEquals(4096, g.hiddenSize());
    assertEquals(32, g.numHiddenLayers());
    assertEquals(32, g.numAttentionHeads());
    assertEquals(8, g.numKeyValueHeads());
    assertEquals(128, g.headDim()); // 4096 / 32
    assertEquals(128256, g.vocabSize());
    assertEquals(14336, g.intermediateSize());
    // rope_type llama3 does not scale the limit further (vLLM leaves llama3 alone).
    assertEquals(131072, g.maxPositionEmbeddings());
    assertEquals(DType.BF16, g.dtype());
    assertFalse(g.tieWordEmbeddings());
    assertFalse(g.isMoe());
    assertFalse(g.isMla());
    assertFalse(g.quantization().isQuantized());
    assertEquals(0, g.slidingLayers());
  }

  @Test
  void keepsFloat32DtypeButServesInBf16() {
    ModelGeometry g = geometry(TestConfigs.LLAMA_2_7B);
    assertEquals(DType.F32, g.dtype());
    assertEquals(DType.BF16, g.servingDtype());
    assertEquals(32, g.numKeyValueHeads()); // MHA: num_key_value_heads = heads
    assertEquals(4096, g.maxPositionEmbeddings());
  }

  @Test
  void defaultsKeyValueHeadsToAttentionHeads() {
    ModelGeometry g =
        ModelConfigParser.parse(
            TestConfigs.parse(
                """
                {"architectures":["GPT2LMHeadModel"],"model_type":"gpt2","n_embd":768,
                 "n_layer":12,"n_head":12,"vocab_size":50257,"n_positions":1024}
                """));
    assertEquals(12, g.numKeyValueHeads());
    assertEquals(64, g.headDim());
    assertEquals(4 * 768, g.intermediateSize()); // n_inner null -> 4 x hidden
    assertEquals(1024, g.maxPositionEmbeddings());
  }

  @Test
  void readsExplicitHeadDimOfQwen3Moe() {
    ModelGeometry g = geometry(TestConfigs.QWEN3_30B_A3B);
    assertEquals(128, g.headDim()); // explicit, although 2048 / 32 = 64
    assertEquals(4, g.numKeyValueHeads());
    assertTrue(g.qkNorm());
    assertTrue(g.isMoe());
    assertEquals(128, g.moe().numExperts()); // "num_experts"
    assertEquals(8, g.moe().expertsPerToken());
    assertEquals(768, g.moe().expertIntermediateSize());
    assertEquals(0, g.moe().sharedExpertIntermediateSize());
    assertEquals(0, g.slidingLayers()); // sliding_window null
    assertEquals(40960, g.maxPositionEmbeddings());
  }

  @Test
  void readsMixtralExpertsFromNumLocalExperts() {
    ModelGeometry g = geometry(TestConfigs.MIXTRAL_8X7B);
    assertEquals(8, g.moe().numExperts());
    assertEquals(2, g.moe().expertsPerToken());
    // no moe_intermediate_size: experts use intermediate_size
    assertEquals(14336, g.moe().expertIntermediateSize());
    assertEquals(0, g.slidingWindow()); // "sliding_window": null
  }

  @Test
  void ignoresSlidingWindowWhenUseSlidingWindowIsFalse() {
    ModelGeometry g = geometry(TestConfigs.QWEN25_05B);
    assertEquals(0, g.slidingWindow());
    assertEquals(0, g.slidingLayers());
    assertTrue(g.tieWordEmbeddings());
    assertTrue(g.attentionBias()); // Qwen2 always has q/k/v bias
    assertEquals(64, g.headDim()); // 896 / 14
  }

  @Test
  void appliesSlidingWindowToAllLayersOfPhi3() {
    ModelGeometry g = geometry(TestConfigs.PHI3_MINI);
    assertEquals(2047, g.slidingWindow());
    assertEquals(32, g.slidingLayers());
    assertEquals(0, g.fullAttentionLayers());
    assertEquals(96, g.headDim()); // 3072 / 32
  }

  @Test
  void countsInterleavedSlidingLayersFromLayerTypes() {
    ModelGeometry g =
        ModelConfigParser.parse(
            TestConfigs.parse(
                """
                {"architectures":["GptOssForCausalLM"],"model_type":"gpt_oss","hidden_size":2880,
                 "num_hidden_layers":4,"num_attention_heads":64,"num_key_value_heads":8,
                 "head_dim":64,"vocab_size":201088,"max_position_embeddings":131072,
                 "sliding_window":128,"num_local_experts":32,"num_experts_per_tok":4,
                 "intermediate_size":2880,
                 "layer_types":["sliding_attention","full_attention","sliding_attention","full_attention"],
                 "quantization_config":{"quant_method":"mxfp4"}}
                """));
    assertEquals(128, g.slidingWindow());
    assertEquals(2, g.slidingLayers());
    assertEquals(2, g.fullAttentionLayers());
    assertEquals(QuantMethod.MXFP4, g.quantization().method());
    assertTrue(g.quantization().expertsOnly());
  }

  @Test
  void usesGemma2AlternatingPatternWithoutLayerTypes() {
    ModelGeometry g =
        ModelConfigParser.parse(
            TestConfigs.parse(
                """
                {"architectures":["Gemma2ForCausalLM"],"model_type":"gemma2","hidden_size":3584,
                 "num_hidden_layers":42,"num_attention_heads":16,"num_key_value_heads":8,
                 "head_dim":256,"vocab_size":256000,"max_position_embeddings":8192,
                 "sliding_window":4096,"intermediate_size":14336}
                """));
    assertEquals(21, g.slidingLayers()); // every other layer
    assertEquals(256, g.headDim());
  }

  @Test
  void readsMlaFieldsOfDeepSeekV2Lite() {
    ModelGeometry g = geometry(TestConfigs.DEEPSEEK_V2_LITE);
    assertTrue(g.isMla());
    assertEquals(512, g.mla().kvLoraRank());
    assertEquals(64, g.mla().qkRopeHeadDim());
    assertEquals(0, g.mla().qLoraRank()); // Lite projects queries directly
    assertEquals(128, g.mla().qkNopeHeadDim());
    assertEquals(128, g.mla().vHeadDim());
    assertEquals(576, g.mla().cachedWidth());
    assertEquals(64, g.moe().numExperts()); // n_routed_experts
    assertEquals(6, g.moe().expertsPerToken());
    assertEquals(2 * 1408, g.moe().sharedExpertIntermediateSize()); // 2 shared experts
    assertEquals(1, g.moe().denseLayers()); // first_k_dense_replace
    // yarn: original 4096 x factor 40 = 163840, the same as max_position_embeddings
    assertEquals(163840, g.maxPositionEmbeddings());
  }

  @Test
  void scalesYarnContextFromOriginalLength() {
    ModelGeometry g =
        TestConfigs.geometryWith(
            TestConfigs.QWEN25_05B,
            """
            {"rope_scaling":{"type":"yarn","factor":4.0,"original_max_position_embeddings":32768}}
            """);
    assertEquals(131072, g.maxPositionEmbeddings());
  }

  @Test
  void takesLanguageModelGeometryFromTextConfig() {
    ModelGeometry g =
        ModelConfigParser.parse(
            TestConfigs.parse(
                """
                {"architectures":["LlavaForConditionalGeneration"],"model_type":"llava",
                 "torch_dtype":"float16","image_token_index":32000,
                 "vision_config":{"hidden_size":1024,"num_hidden_layers":24},
                 "text_config":{"model_type":"llama","hidden_size":4096,"num_hidden_layers":32,
                   "num_attention_heads":32,"num_key_value_heads":32,"vocab_size":32064,
                   "intermediate_size":11008,"max_position_embeddings":4096}}
                """));
    assertTrue(g.multimodal());
    assertEquals("LlavaForConditionalGeneration", g.architecture());
    assertEquals("llama", g.modelType());
    assertEquals(4096, g.hiddenSize()); // not the vision tower's 1024
    assertEquals(32, g.numHiddenLayers());
    assertEquals(DType.F16, g.dtype()); // top-level torch_dtype
  }

  @Test
  void readsModelOptQuantizationFromHfQuantConfig() {
    ModelGeometry g = TestConfigs.llama70bModelOptFp8();
    assertEquals(QuantMethod.MODELOPT, g.quantization().method());
    assertEquals(8, g.quantization().weightBits());
    assertTrue(g.quantization().fp8KvCache());
  }

  @Test
  void acceptsTransformersDtypeKey() {
    ModelGeometry g =
        TestConfigs.geometryWith(
            TestConfigs.QWEN25_05B, "{\"torch_dtype\":null,\"dtype\":\"float16\"}");
    assertEquals(DType.F16, g.dtype());
  }

  @Test
  void rejectsConfigWithoutHiddenSize() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ModelConfigParser.parse(TestConfigs.parse("{\"model_type\":\"x\"}")));
    assertTrue(e.getMessage().contains("hidden_size"));
  }

  @Test
  void leavesMiniCpm3WithoutMla() {
    ModelGeometry g =
        ModelConfigParser.parse(
            TestConfigs.parse(
                """
                {"model_type":"minicpm3","hidden_size":2560,"num_hidden_layers":62,
                 "num_attention_heads":40,"num_key_value_heads":40,"vocab_size":73448,
                 "max_position_embeddings":32768,"kv_lora_rank":256,"qk_rope_head_dim":32}
                """));
    assertNull(g.mla());
  }
}
