package dev.modelmanager.discovery.domain.fit;

import static dev.modelmanager.discovery.domain.TestConfigs.geometry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelmanager.discovery.domain.TestConfigs;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import org.junit.jupiter.api.Test;

class KvCacheCalculatorTest {

  private static long perToken(String file) {
    ModelGeometry g = geometry(file);
    return KvCacheCalculator.bytesPerToken(g, KvCacheCalculator.elementBytes(g, KvCacheDtype.AUTO));
  }

  @Test
  void llama31_8b() {
    // 2 (K,V) × 32 layers × 8 KV heads × 128 head_dim × 2 bytes
    assertEquals(131_072, perToken(TestConfigs.LLAMA_31_8B));
  }

  @Test
  void llama31_70b() {
    // 2 × 80 × 8 × 128 × 2
    assertEquals(327_680, perToken(TestConfigs.LLAMA_31_70B));
  }

  @Test
  void llama2_7bFloat32ConfigIsCachedInSixteenBit() {
    // The resaved config says float32; vLLM's "auto" serves float32 checkpoints in 16 bit, so
    // the cache is 2 × 32 × 32 (MHA) × 128 × 2 bytes.
    assertEquals(524_288, perToken(TestConfigs.LLAMA_2_7B));
  }

  @Test
  void mixtral8x7b() {
    // 2 × 32 × 8 × 128 × 2 — experts do not change the cache
    assertEquals(131_072, perToken(TestConfigs.MIXTRAL_8X7B));
  }

  @Test
  void qwen3_30bA3bUsesExplicitHeadDim() {
    // 2 × 48 × 4 × 128 (explicit head_dim, not 2048/32 = 64) × 2
    assertEquals(98_304, perToken(TestConfigs.QWEN3_30B_A3B));
  }

  @Test
  void qwen25_05b() {
    // 2 × 24 × 2 × 64 × 2
    assertEquals(12_288, perToken(TestConfigs.QWEN25_05B));
  }

  @Test
  void phi3Mini() {
    // 2 × 32 × 32 × 96 × 2 (the window limits tokens per request, not bytes per token)
    assertEquals(393_216, perToken(TestConfigs.PHI3_MINI));
  }

  @Test
  void deepSeekV2LiteCachesOneLatentPerLayer() {
    // MLA: 27 layers × (kv_lora_rank 512 + qk_rope_head_dim 64) × 2 bytes, no factor 2
    assertEquals(31_104, perToken(TestConfigs.DEEPSEEK_V2_LITE));
  }

  @Test
  void fp8HalvesTheCache() {
    ModelGeometry g = geometry(TestConfigs.LLAMA_31_8B);
    assertEquals(1, KvCacheCalculator.elementBytes(g, KvCacheDtype.FP8));
    assertEquals(65_536, KvCacheCalculator.bytesPerToken(g, 1));
  }

  @Test
  void splitsKvHeadsAcrossRanksAndReplicatesBeyondThem() {
    ModelGeometry g = geometry(TestConfigs.LLAMA_31_8B); // 8 KV heads
    assertEquals(131_072 / 2, KvCacheCalculator.bytesPerTokenPerRank(g, 2, 2));
    assertEquals(131_072 / 8, KvCacheCalculator.bytesPerTokenPerRank(g, 8, 2));
    ModelGeometry qwen = geometry(TestConfigs.QWEN25_05B); // 2 KV heads
    // TP=8 > 2 KV heads: each rank still holds a whole head: 2 × 24 × 1 × 64 × 2
    assertEquals(6_144, KvCacheCalculator.bytesPerTokenPerRank(qwen, 8, 2));
  }

  @Test
  void replicatesTheMlaLatentOnEveryRank() {
    ModelGeometry g = geometry(TestConfigs.DEEPSEEK_V2_LITE);
    assertEquals(31_104, KvCacheCalculator.bytesPerTokenPerRank(g, 1, 2));
    assertEquals(31_104, KvCacheCalculator.bytesPerTokenPerRank(g, 2, 2));
    assertEquals(31_104, KvCacheCalculator.bytesPerTokenPerRank(g, 8, 2));
  }

  @Test
  void slidingLayersHoldTheWindowPlusOneBatchedChunkInWholeBlocks() {
    ModelGeometry g = geometry(TestConfigs.PHI3_MINI); // all 32 layers, window 2047
    // vLLM on an L4 (max_num_batched_tokens 2048) at 4096 tokens: min(2046 + 2048, 4096) = 4094
    // tokens → ⌈4094 / 16⌉ + 1 = 257 blocks = 4112 tokens per layer, not the window's 2047
    assertEquals(4112L * 393_216, KvCacheCalculator.bytesPerRequest(g, 1, 2, 4096, 2048));
    // a short request: ⌈1000 / 16⌉ + 1 = 64 blocks
    assertEquals(64L * 16 * 393_216, KvCacheCalculator.bytesPerRequest(g, 1, 2, 1000, 2048));
  }

  @Test
  void gemma2On8192TokensNeedsTwoPointEightEightGibOnAnH100() {
    ModelGeometry g =
        dev.modelmanager.discovery.domain.model.ModelConfigParser.parse(
            TestConfigs.parse(
                """
                {"architectures":["Gemma2ForCausalLM"],"model_type":"gemma2","hidden_size":4608,
                 "num_hidden_layers":46,"num_attention_heads":32,"num_key_value_heads":16,
                 "head_dim":128,"intermediate_size":36864,"vocab_size":256000,
                 "max_position_embeddings":8192,"sliding_window":4096,"torch_dtype":"bfloat16"}
                """));
    // 23 full layers × 512 blocks + 23 sliding layers × (⌈min(4095 + 8192, 8192)/16⌉ + 1 = 513)
    long bytes = KvCacheCalculator.bytesPerRequest(g, 1, 2, 8192, 8192);
    assertEquals(8192L * 16 * (23L * 512 + 23L * 513), bytes);
    assertEquals(2.88, bytes / (double) FitConstants.GIB, 0.005);
  }

  @Test
  void capsOnlyTheSlidingLayersWhenInterleaved() {
    ModelGeometry g =
        dev.modelmanager.discovery.domain.model.ModelConfigParser.parse(
            TestConfigs.parse(
                """
                {"model_type":"gpt_oss","hidden_size":2880,"num_hidden_layers":24,
                 "num_attention_heads":64,"num_key_value_heads":8,"head_dim":64,
                 "vocab_size":201088,"max_position_embeddings":131072,"sliding_window":128,
                 "layer_types":["sliding_attention","full_attention","sliding_attention","full_attention",
                   "sliding_attention","full_attention","sliding_attention","full_attention",
                   "sliding_attention","full_attention","sliding_attention","full_attention",
                   "sliding_attention","full_attention","sliding_attention","full_attention",
                   "sliding_attention","full_attention","sliding_attention","full_attention",
                   "sliding_attention","full_attention","sliding_attention","full_attention"]}
                """));
    long perLayerToken = 2 * 8 * 64 * 2; // 2,048 bytes
    // 12 full layers × 131072 tokens + 12 sliding layers × (⌈(127 + 8192) / 16⌉ + 1) × 16 tokens
    assertEquals(
        perLayerToken * (12L * 131_072 + 12L * 521 * 16),
        KvCacheCalculator.bytesPerRequest(g, 1, 2, 131_072, 8192));
  }

  @Test
  void findsTheLongestRequestThatFitsAndRoundsIt() {
    ModelGeometry g = geometry(TestConfigs.LLAMA_31_8B);
    long budget = 10L * FitConstants.GIB; // 10 GiB / 128 KiB = 81,920 tokens exactly
    assertEquals(81_920, KvCacheCalculator.maxTokens(g, 1, 2, budget, 131_072, 8192));
    assertEquals(81_920, KvCacheCalculator.largestModelLen(g, 1, 2, budget, 131_072, 8192));
    // one byte short: 81,904 tokens (whole blocks), rounded down to 81,664 (a multiple of 256)
    assertEquals(81_664, KvCacheCalculator.largestModelLen(g, 1, 2, budget - 1, 131_072, 8192));
    // a model limit that fits is returned unrounded
    assertEquals(40_000, KvCacheCalculator.largestModelLen(g, 1, 2, budget, 40_000, 8192));
    assertEquals(0, KvCacheCalculator.largestModelLen(g, 1, 2, 0, 131_072, 8192));
  }

  @Test
  void slidingWindowModelsFitAnyLengthOnceWindowAndChunkFit() {
    ModelGeometry g = geometry(TestConfigs.PHI3_MINI);
    long held = 257L * 16 * 393_216; // 4096 tokens on an L4, see above
    assertEquals(4096, KvCacheCalculator.maxTokens(g, 1, 2, held, 4096, 2048));
    assertTrue(KvCacheCalculator.maxTokens(g, 1, 2, held - 1, 4096, 2048) < 4096);
  }
}
