package dev.modelmanager.discovery.domain.model;

import static dev.modelmanager.discovery.domain.TestConfigs.geometry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelmanager.discovery.domain.TestConfigs;
import org.junit.jupiter.api.Test;

class GeometryParameterCounterTest {

  private static long count(String file) {
    return GeometryParameterCounter.count(geometry(file)).total();
  }

  private static void assertWithinOnePercent(long published, long counted) {
    double error = Math.abs(counted - published) / (double) published;
    assertTrue(error < 0.01, "counted " + counted + " vs published " + published);
  }

  @Test
  void countsLlama31_8bExactly() {
    // embed 128256×4096 = 525,336,576, lm_head the same (untied)
    // per layer: q 4096² + k,v 2×4096×1024 + o 4096² = 41,943,040; MLP 3×4096×14336 =
    // 176,160,768; 2 norms 8,192 → 218,112,000 × 32 = 6,979,584,000; final norm 4,096
    // total 8,030,261,248 = the Hub's safetensors total
    assertEquals(8_030_261_248L, count(TestConfigs.LLAMA_31_8B));
  }

  @Test
  void countsLlama31_70bWithinOnePercent() {
    // per layer: 2×8192² + 2×8192×1024 + 3×8192×28672 + 16,384 = 855,654,400 × 80
    // + 2 × 128256×8192 + 8,192 = 70,553,706,496 (exact)
    long counted = count(TestConfigs.LLAMA_31_70B);
    assertWithinOnePercent(70_553_706_496L, counted);
    assertEquals(70_553_706_496L, counted);
  }

  @Test
  void countsMixtralExpertsAndRouter() {
    // per layer: attention 41,943,040 + 8 experts × 3×4096×14336 = 1,409,286,144
    // + router 4096×8 = 32,768 + norms 8,192 → × 32, + 2 × 32000×4096 + 4,096
    long counted = count(TestConfigs.MIXTRAL_8X7B);
    assertWithinOnePercent(46_702_792_704L, counted);
    assertEquals(46_702_792_704L, counted);
  }

  @Test
  void countsQwen3MoeWithExplicitHeadDimAndQkNorm() {
    // attention with head_dim 128: q 2048×4096, k/v 2×2048×512, o 4096×2048 = 18,874,368
    // q/k norms 2×128; experts 128×3×2048×768 = 603,979,776; router 2048×128 = 262,144;
    // norms 4,096 → 623,120,640 × 48 + 2 × 151936×2048 + 2,048 = 30,532,122,624
    long counted = count(TestConfigs.QWEN3_30B_A3B);
    assertWithinOnePercent(30_532_122_624L, counted);
    assertEquals(30_532_122_624L, counted);
  }

  @Test
  void countsQwen25WithTiedEmbeddingsAndQkvBias() {
    // q 896² + 896 bias, k/v 2×(896×128 + 128), o 896² = 1,836,160; MLP 3×896×4864 =
    // 13,074,432; norms 1,792 → 14,912,384 × 24 + embedding once 151936×896 + 896
    long counted = count(TestConfigs.QWEN25_05B);
    assertWithinOnePercent(494_032_768L, counted);
    assertEquals(494_032_768L, counted);
  }

  @Test
  void countsPhi3Mini() {
    // 2 × 32064×3072 + 32 × (4×3072² + 3×3072×8192 + 2×3072) + 3072 = 3,821,079,552 (3.82B)
    assertEquals(3_821_079_552L, count(TestConfigs.PHI3_MINI));
  }

  @Test
  void countsDeepSeekV2LiteWithMlaSharedExpertsAndDenseFirstLayer() {
    // MLA per layer: q 2048×16×192 + kv_b 512×16×256 + o 2048×2048 + kv_a 2048×576 + norm 512
    // layer 0 dense 3×2048×10944; 26 MoE layers: 64 experts + 2 shared × 3×2048×1408 + router
    // 2048×64; embeddings 2 × 102400×2048 → 15,706,484,224 (15.7B)
    assertEquals(15_706_484_224L, count(TestConfigs.DEEPSEEK_V2_LITE));
  }

  @Test
  void groupsParametersBySharding() {
    ParameterBreakdown p = GeometryParameterCounter.count(geometry(TestConfigs.LLAMA_31_8B));
    assertEquals(525_336_576L, p.embedding());
    assertEquals(525_336_576L, p.lmHead());
    assertEquals(32L * 2 * 4096 * 4096, p.attention());
    assertEquals(32L * 2 * 4096 * 1024, p.kvProjection());
    assertEquals(32L * 3 * 4096 * 14336, p.denseMlp());
    assertEquals(32L * 2 * 4096 + 4096, p.replicated());
    assertEquals(0, p.experts());
  }
}
