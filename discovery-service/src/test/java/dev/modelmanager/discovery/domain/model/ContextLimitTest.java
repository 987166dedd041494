package dev.modelmanager.discovery.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelmanager.discovery.domain.TestConfigs;
import org.junit.jupiter.api.Test;

/** vLLM's {@code _get_and_verify_max_len}, one rule per test. */
class ContextLimitTest {

  private static ContextLimit limit(String json) {
    var config = TestConfigs.parse(json);
    return ContextLimit.of(config, config);
  }

  @Test
  void gemma3SkipsRopeScalingBecauseItsLengthIsAlreadyScaled() {
    ModelGeometry g = TestConfigs.geometry(TestConfigs.GEMMA3_27B_IT);
    // the real config has no max_position_embeddings: Gemma3TextConfig's 131072, not × 8
    assertEquals(131_072, g.maxPositionEmbeddings());
    assertEquals(
        131_072,
        limit(
                """
                {"model_type":"gemma3_text","max_position_embeddings":131072,
                 "rope_scaling":{"factor":8.0,"rope_type":"linear"}}
                """)
            .derived());
  }

  @Test
  void gemma3TextDefaultsFillWhatTheRealConfigLeavesOut() {
    ModelGeometry g = TestConfigs.geometry(TestConfigs.GEMMA3_27B_IT);
    assertEquals(262_208, g.vocabSize());
    assertEquals(62, g.numHiddenLayers());
    assertEquals(1024, g.slidingWindow());
    assertEquals(62 - 62 / 6, g.slidingLayers()); // 5 local : 1 global
  }

  @Test
  void linearScalingMultipliesForOtherModelTypes() {
    assertEquals(
        32_768,
        limit(
                """
                {"model_type":"llama","max_position_embeddings":4096,
                 "rope_scaling":{"factor":8.0,"type":"linear"}}
                """)
            .derived());
  }

  @Test
  void dynamicScalingMultipliesToo() {
    assertEquals(
        8192,
        limit(
                """
                {"model_type":"llama","max_position_embeddings":4096,
                 "rope_scaling":{"factor":2.0,"rope_type":"dynamic"}}
                """)
            .derived());
  }

  @Test
  void yarnScalesItsOriginalLength() {
    assertEquals(
        131_072,
        limit(
                """
                {"model_type":"qwen2","max_position_embeddings":32768,
                 "rope_scaling":{"factor":4.0,"rope_type":"yarn",
                   "original_max_position_embeddings":32768}}
                """)
            .derived());
  }

  @Test
  void llama3AndLongropeAreNotScaled() {
    assertEquals(
        131_072,
        limit(
                """
                {"model_type":"llama","max_position_embeddings":131072,
                 "rope_scaling":{"factor":8.0,"rope_type":"llama3",
                   "original_max_position_embeddings":8192}}
                """)
            .derived());
    ContextLimit phi3 =
        limit(
            """
            {"model_type":"phi3","max_position_embeddings":131072,
             "original_max_position_embeddings":4096,
             "rope_scaling":{"type":"longrope","long_factor":[1.0],"short_factor":[1.0]}}
            """);
    assertEquals(131_072, phi3.derived());
    // vLLM's default for longrope is the original length
    assertEquals(4096, phi3.defaultLength());
  }

  @Test
  void mropeCountsAsDefaultAndScalesOnlyWithAFactor() {
    assertEquals(
        128_000,
        limit(
                """
                {"model_type":"qwen2_5_vl","max_position_embeddings":128000,
                 "rope_scaling":{"type":"mrope","mrope_section":[16,24,24]}}
                """)
            .derived());
  }

  @Test
  void theSmallestLengthKeyWins() {
    ContextLimit l = limit("{\"max_position_embeddings\":8192,\"seq_length\":4096}");
    assertEquals(4096, l.derived());
    assertEquals("seq_length", l.key());
  }

  @Test
  void modelMaxLengthReplacesTheOthers() {
    ContextLimit l =
        limit(
            "{\"model_type\":\"cohere2\",\"max_position_embeddings\":8192,\"model_max_length\":131072}");
    assertEquals(131_072, l.derived());
    assertEquals("model_max_length", l.key());
  }

  @Test
  void noKeyMeans2048() {
    assertEquals(2048, limit("{\"model_type\":\"x\"}").derived());
  }

  @Test
  void aSlidingWindowDoesNotCapTheContext() {
    // vLLM caps at the window only with --disable-sliding-window, which the engine never sets
    assertEquals(
        4096, limit("{\"max_position_embeddings\":4096,\"sliding_window\":2047}").derived());
  }
}
