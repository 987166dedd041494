package dev.modelmanager.discovery.domain.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelmanager.discovery.domain.TestConfigs;
import dev.modelmanager.discovery.domain.model.ModelConfigParser;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks the engine against what vLLM itself logged on one H100 80GB at utilization 0.9 and
 * max-model-len 16000 (llm-d-benchmark, config_explorer/empirical-vllm-memory-results.md): the
 * predicted KV cache must never promise more than vLLM gave (+0.1 GiB) and stay within 0.75 GiB
 * below it.
 */
class VllmCalibrationTest {

  private static final FitEngine ENGINE = new FitEngine();

  private static FitOption option(ModelGeometry g, int tp, double utilization) {
    FitRecommendation r =
        ENGINE.recommend(
            FitRequest.of(g, List.of(new GpuOffer("H100-80GB-SXM", 0, tp)))
                .withMaxModelLen(16_000L)
                .withGpuMemoryUtilization(utilization)
                .withQuantization("none"));
    return r.option("H100-80GB-SXM", tp, r.options().get(0).quantization()).orElseThrow();
  }

  /**
   * The KV cache vLLM would log: the engine's budget plus its CUDA-graph reserve, which vLLM
   * captures after sizing the KV cache and so does not subtract.
   */
  private static double predictedKvGib(ModelGeometry g, int tp, double utilization) {
    FitOption o = option(g, tp, utilization);
    return (o.memory().kvCacheBytes() + o.memory().cudaGraphBytes()) / (double) FitConstants.GIB;
  }

  private static double predictedKvGib(ModelGeometry g, int tp) {
    return predictedKvGib(g, tp, 0.9);
  }

  private static ModelGeometry gptOss(int layers, int experts) {
    return ModelConfigParser.parse(
        TestConfigs.parse(
            """
            {"architectures":["GptOssForCausalLM"],"model_type":"gpt_oss","hidden_size":2880,
             "num_hidden_layers":%d,"num_attention_heads":64,"num_key_value_heads":8,
             "head_dim":64,"vocab_size":201088,"max_position_embeddings":131072,
             "num_local_experts":%d,"num_experts_per_tok":4,"intermediate_size":2880,
             "torch_dtype":"bfloat16",
             "quantization_config":{"quant_method":"mxfp4"}}
            """
                .formatted(layers, experts)));
  }

  private static void assertCalibrated(double measuredGib, double predictedGib) {
    assertTrue(
        predictedGib <= measuredGib + 0.1 && predictedGib >= measuredGib - 0.75,
        "predicted " + predictedGib + " GiB, vLLM logged " + measuredGib + " GiB");
  }

  @Test
  void llama31_8b() {
    // logged: weights 14.99, activation 4.76, non-torch 0.13, KV 51.38 GiB
    assertCalibrated(51.38, predictedKvGib(TestConfigs.geometry(TestConfigs.LLAMA_31_8B), 1));
  }

  @Test
  void qwen3_0_6b() {
    // logged: weights 1.12, activation 5.56 (vocabulary 151936 drives the sampler peak), KV 64.45
    ModelGeometry g =
        ModelConfigParser.parse(
            TestConfigs.parse(
                """
                {"architectures":["Qwen3ForCausalLM"],"model_type":"qwen3","hidden_size":1024,
                 "num_hidden_layers":28,"num_attention_heads":16,"num_key_value_heads":8,
                 "head_dim":128,"intermediate_size":3072,"vocab_size":151936,
                 "max_position_embeddings":40960,"tie_word_embeddings":true,"torch_dtype":"bfloat16"}
                """));
    assertCalibrated(64.45, predictedKvGib(g, 1));
  }

  @Test
  void qwen3_32b() {
    // logged: weights 61.03, activation 5.64, non-torch 0.14, KV 4.45
    ModelGeometry g =
        ModelConfigParser.parse(
            TestConfigs.parse(
                """
                {"architectures":["Qwen3ForCausalLM"],"model_type":"qwen3","hidden_size":5120,
                 "num_hidden_layers":64,"num_attention_heads":64,"num_key_value_heads":8,
                 "head_dim":128,"intermediate_size":25600,"vocab_size":151936,
                 "max_position_embeddings":40960,"tie_word_embeddings":false,"torch_dtype":"bfloat16"}
                """));
    assertCalibrated(4.45, predictedKvGib(g, 1));
  }

  @Test
  void llama33_70bFp8OnTwoGpus() {
    // RedHatAI/Llama-3.3-70B-Instruct-FP8-dynamic at TP=2 logged: weights 33.88, activation 4.84,
    // non-torch 0.55, KV 32.0 GiB per GPU
    ModelGeometry g =
        TestConfigs.geometryWith(
            TestConfigs.LLAMA_31_70B,
            """
            {"quantization_config":{"quant_method":"compressed-tensors","format":"float-quantized",
              "config_groups":{"group_0":{"targets":["Linear"],"weights":{"num_bits":8,
                "type":"float","symmetric":true,"strategy":"channel","group_size":null}}}}}
            """);
    assertCalibrated(32.0, predictedKvGib(g, 2));
  }

  @Test
  void gptOss20b() {
    // logged: weights 13.47, activation 7.38 (vocabulary 201088), non-torch 0.13, KV 50.28
    ModelGeometry g = gptOss(24, 32);
    assertEquals(13.47, option(g, 1, 0.9).weightsBytesPerGpu() / (double) FitConstants.GIB, 0.1);
    assertCalibrated(50.28, predictedKvGib(g, 1));
  }

  @Test
  void gptOss120bAtUtilization095() {
    // logged at utilization 0.95 (64.38 + 7.38 + 0.13 + 3.33 = 75.22 GiB = 0.95 × 79.18):
    // weights 64.38, activation 7.38, non-torch 0.13, KV 3.33
    ModelGeometry g = gptOss(36, 128);
    assertEquals(64.38, option(g, 1, 0.95).weightsBytesPerGpu() / (double) FitConstants.GIB, 0.2);
    assertCalibrated(3.33, predictedKvGib(g, 1, 0.95));
  }

  @Test
  void gptOss120bHasNoRoomForKvCacheOnOneH100AtTheDefaultUtilization() {
    // 0.9 × 79.18 = 71.26 GiB < 64.38 + 7.38 + 0.13: vLLM cannot start
    FitOption o = option(gptOss(36, 128), 1, 0.9);
    assertFalse(o.fits(), o.explanation());
  }
}
