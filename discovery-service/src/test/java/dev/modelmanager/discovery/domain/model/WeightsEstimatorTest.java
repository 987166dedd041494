package dev.modelmanager.discovery.domain.model;

import static dev.modelmanager.discovery.domain.TestConfigs.geometry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelmanager.discovery.domain.TestConfigs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightsEstimatorTest {

  @Test
  void estimatesBf16WeightsAsTwoBytesPerParameter() {
    WeightsEstimator w = WeightsEstimator.of(geometry(TestConfigs.LLAMA_31_8B), null);
    assertFalse(w.isExact());
    assertEquals(16_060_522_496L, w.totalBytes()); // 8,030,261,248 × 2
    // The four real shards hold 16,060,556,376 bytes: the estimate misses only their headers.
    assertEquals(16_060_556_376L, w.totalBytes(), 40_000);
  }

  @Test
  void servesFloat32CheckpointAtTwoBytesPerParameter() {
    ModelGeometry g = geometry(TestConfigs.LLAMA_2_7B);
    // 2 × 32000×4096 + 32 × (4×4096² + 3×4096×11008 + 8192) + 4096 = 6,738,415,616
    ParameterCount headers = ParameterCount.fromDtypeTotals(Map.of(DType.F32, 6_738_415_616L));
    WeightsEstimator exact = WeightsEstimator.of(g, headers);
    assertTrue(exact.isExact());
    assertEquals(6_738_415_616L * 2, exact.totalBytes()); // not the 4 bytes on disk
    assertEquals(6_738_415_616L * 2, WeightsEstimator.of(g, null).totalBytes());
  }

  @Test
  void usesOnDiskBytesOfAQuantizedCheckpoint() {
    ModelGeometry g = TestConfigs.llama70bModelOptFp8();
    ParameterCount headers =
        ParameterCount.fromDtypeTotals(
            Map.of(DType.F8_E4M3, 68_451_041_280L, DType.BF16, 2_102_665_216L, DType.F32, 1_120L));
    WeightsEstimator w = WeightsEstimator.of(g, headers);
    assertEquals(68_451_041_280L + 2_102_665_216L * 2 + 1_120 * 4, w.totalBytes());
  }

  @Test
  void estimatesModelOptFp8KeepingEmbeddingsAndLmHeadInBf16() {
    // linear 68,451,041,280 × 1 byte + (2 × 1,050,673,152 + norms 1,318,912) × 2 bytes
    WeightsEstimator w = WeightsEstimator.of(TestConfigs.llama70bModelOptFp8(), null);
    assertEquals(72_656_371_712L, w.totalBytes()); // 67.67 GiB
  }

  @Test
  void estimatesAwqFourBitWithGroupScales() {
    ModelGeometry g =
        TestConfigs.geometryWith(
            TestConfigs.LLAMA_31_70B,
            "{\"quantization_config\":{\"quant_method\":\"awq\",\"bits\":4,\"group_size\":128,"
                + "\"zero_point\":true,\"version\":\"gemm\"}}");
    // 68,451,041,280 × (0.5 + 2.5/128) + 2,102,665,216 × 2 = 39,767,785,472 (37.04 GiB)
    assertEquals(39_767_785_472L, WeightsEstimator.of(g, null).totalBytes());
  }

  @Test
  void sizesOnlineFp8FromTheBf16Checkpoint() {
    WeightsEstimator bf16 = WeightsEstimator.of(geometry(TestConfigs.LLAMA_31_8B), null);
    WeightsEstimator fp8 =
        bf16.withQuantization(
            new QuantizationConfig(
                QuantMethod.FP8, "fp8", 8, 0, List.of(), false, 4, false, false, false));
    // linear 6,979,321,856 × 1 + (1,050,673,152 + 266,240) × 2 = 9,081,200,640
    assertEquals(9_081_200_640L, fp8.totalBytes());
    assertEquals(8_030_261_248L, fp8.parameters());
  }

  @Test
  void quantizesOnlyExpertsForMxfp4() {
    ModelGeometry g =
        ModelConfigParser.parse(
            TestConfigs.parse(
                """
                    {"architectures":["GptOssForCausalLM"],"model_type":"gpt_oss","hidden_size":2880,
                     "num_hidden_layers":24,"num_attention_heads":64,"num_key_value_heads":8,
                     "head_dim":64,"vocab_size":201088,"max_position_embeddings":131072,
                     "num_local_experts":32,"num_experts_per_tok":4,"intermediate_size":2880,
                     "tie_word_embeddings":false,"quantization_config":{"quant_method":"mxfp4"}}
                    """));
    ParameterBreakdown p = GeometryParameterCounter.count(g);
    double expected = p.experts() * (0.5 + 1.0 / 32) + (p.total() - p.experts()) * 2.0;
    assertEquals(Math.round(expected), WeightsEstimator.of(g, null).totalBytes());
    // gpt-oss-20b: 20.9B parameters, ~13 GiB loaded (llm-d measured 13.47 GiB)
    assertEquals(20.9e9, p.total(), 0.1e9);
    assertEquals(13.0, WeightsEstimator.of(g, null).totalBytes() / Math.pow(2, 30), 0.5);
  }

  @Test
  void splitsWeightsAcrossTensorParallelRanks() {
    WeightsEstimator w = WeightsEstimator.of(geometry(TestConfigs.LLAMA_31_70B), null);
    // TP=2: 1,050,673,152 (vocab halves) + 5,368,709,120 + 671,088,640 + 28,185,722,880
    //       + 1,318,912 replicated norms = 35,277,512,704 × 2 bytes
    assertEquals(70_555_025_408L, w.bytesPerRank(2));
    // TP=8: 16,032 vocab rows × 8192 × 2 (embedding + lm_head) = 262,668,288 + 1,342,177,280
    //       + 167,772,160 + 7,046,430,720 + 1,318,912 = 8,820,367,360 parameters × 2 bytes
    assertEquals(17_640_734_720L, w.bytesPerRank(8));
  }

  @Test
  void replicatesKvProjectionsWhenTpExceedsKvHeads() {
    WeightsEstimator w = WeightsEstimator.of(geometry(TestConfigs.QWEN3_30B_A3B), null);
    // TP=8 over 4 KV heads: each rank keeps one head, i.e. 1/4 of k/v_proj, not 1/8.
    // 622,329,856/8 + 805,306,368/8 + 100,663,296/4 + 28,991,029,248/8 + 12,793,856
    // = 3,840,292,864 parameters × 2 bytes
    assertEquals(7_680_585_728L, w.bytesPerRank(8));
    assertEquals(0.25, WeightsEstimator.kvShare(4, 8), 1e-12);
    assertEquals(0.125, WeightsEstimator.kvShare(8, 8), 1e-12);
  }

  @Test
  void padsVocabularyTo64RowsBeforeSplitting() {
    // 32001 rows pad to 32064; at TP=8 each rank holds 4008 rows
    assertEquals(4008 / 32001.0, WeightsEstimator.vocabShare(32001, 8), 1e-12);
  }

  @Test
  void scalesExactCountsByGeometrySharePerRank() {
    ModelGeometry g = geometry(TestConfigs.LLAMA_31_70B);
    WeightsEstimator exact =
        WeightsEstimator.of(g, ParameterCount.fromDtypeTotals(Map.of(DType.BF16, 70_553_706_496L)));
    assertEquals(70_555_025_408L, exact.bytesPerRank(2), 2);
  }
}
