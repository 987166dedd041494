package dev.modelmanager.discovery.domain.fit;

import static dev.modelmanager.discovery.domain.TestConfigs.geometry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelmanager.discovery.domain.TestConfigs;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.discovery.domain.model.QuantizationConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorParallelPlannerTest {

  private static List<Integer> sizes(TensorParallelPlanner.Planning p) {
    return p.plans().stream().map(TensorParallelPlanner.Plan::tensorParallelSize).toList();
  }

  @Test
  void considersPowersOfTwoUpToTheNodeGpuCount() {
    ModelGeometry g = geometry(TestConfigs.LLAMA_31_8B);
    assertEquals(List.of(1, 2, 4, 8), sizes(TensorParallelPlanner.plan(g, g.quantization(), 8)));
    // six GPUs: TP=6 is never proposed (32 heads / 6 is not whole), TP=8 exceeds the node
    assertEquals(List.of(1, 2, 4), sizes(TensorParallelPlanner.plan(g, g.quantization(), 6)));
    assertEquals(List.of(1), sizes(TensorParallelPlanner.plan(g, g.quantization(), 1)));
  }

  @Test
  void rejectsSizesThatDoNotDivideTheAttentionHeads() {
    ModelGeometry g = geometry(TestConfigs.QWEN25_05B); // 14 heads, 2 KV heads
    TensorParallelPlanner.Planning p = TensorParallelPlanner.plan(g, g.quantization(), 8);
    assertEquals(List.of(1, 2), sizes(p));
    assertEquals(4, p.rejections().get(0).tensorParallelSize());
    assertTrue(p.rejections().get(0).reason().contains("14 attention heads"));
  }

  @Test
  void allowsReplicatingKvHeadsWhenTpIsAMultipleOfThem() {
    ModelGeometry g = geometry(TestConfigs.QWEN3_30B_A3B); // 32 heads, 4 KV heads
    assertEquals(List.of(1, 2, 4, 8), sizes(TensorParallelPlanner.plan(g, g.quantization(), 8)));
  }

  @Test
  void rejectsKvHeadCountsThatNeitherSplitNorReplicateEvenly() {
    ModelGeometry g =
        TestConfigs.geometryWith(
            TestConfigs.LLAMA_31_8B, "{\"num_attention_heads\":24,\"num_key_value_heads\":6}");
    TensorParallelPlanner.Planning p = TensorParallelPlanner.plan(g, g.quantization(), 8);
    assertEquals(List.of(1, 2), sizes(p)); // 6 % 4 != 0 and 4 % 6 != 0
    assertTrue(p.rejections().get(0).reason().contains("6 KV heads"));
  }

  @Test
  void rejectsDenseTpThatSplitsQuantizationGroups() {
    ModelGeometry g =
        TestConfigs.geometryWith(
            TestConfigs.LLAMA_31_8B,
            "{\"intermediate_size\":11008,\"quantization_config\":{\"quant_method\":\"awq\","
                + "\"bits\":4,\"group_size\":128}}");
    // 11008 / 2 = 5504 = 43 × 128 fits; 11008 / 4 = 2752 is not a multiple of 128
    TensorParallelPlanner.Planning p = TensorParallelPlanner.plan(g, g.quantization(), 8);
    assertEquals(List.of(1, 2), sizes(p));
    assertTrue(p.rejections().get(0).reason().contains("quantization group 128"));
  }

  @Test
  void spreadsBlockQuantizedExpertsWithExpertParallelism() {
    ModelGeometry g =
        TestConfigs.geometryWith(
            TestConfigs.QWEN3_30B_A3B,
            "{\"quantization_config\":{\"quant_method\":\"fp8\",\"weight_block_size\":[128,128]}}");
    TensorParallelPlanner.Planning p = TensorParallelPlanner.plan(g, g.quantization(), 8);
    assertEquals(List.of(1, 2, 4, 8), sizes(p));
    // 768 / 2 = 384 = 3 blocks; 768 / 4 = 192 and 768 / 8 = 96 split a 128-block
    assertFalse(p.plans().get(1).expertParallel());
    assertTrue(p.plans().get(2).expertParallel());
    assertTrue(p.plans().get(3).expertParallel());
  }

  @Test
  void keepsPlainTensorParallelismForUnquantizedMoe() {
    ModelGeometry g = geometry(TestConfigs.QWEN3_30B_A3B);
    TensorParallelPlanner.Planning p = TensorParallelPlanner.plan(g, QuantizationConfig.NONE, 8);
    assertTrue(p.plans().stream().noneMatch(TensorParallelPlanner.Plan::expertParallel));
  }
}
