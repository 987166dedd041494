package dev.modelmanager.discovery.domain.fit;

import static dev.modelmanager.discovery.domain.TestConfigs.geometry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelmanager.discovery.domain.TestConfigs;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.discovery.domain.vllm.VllmArchitectureRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FitEngineTest {

  private static final String H100 = "H100-80GB-SXM";
  private static FitEngine engine;

  @BeforeAll
  static void loadRegistry() throws IOException {
    try (InputStream in =
        FitEngineTest.class
            .getClassLoader()
            .getResourceAsStream(VllmArchitectureRegistry.RESOURCE)) {
      engine = new FitEngine(VllmArchitectureRegistry.load(in));
    }
  }

  private static FitRecommendation recommend(ModelGeometry g, GpuOffer gpu, Long maxModelLen) {
    return engine.recommend(FitRequest.of(g, List.of(gpu)).withMaxModelLen(maxModelLen));
  }

  private static GpuOffer h100s(int count) {
    return new GpuOffer(H100, 0, count);
  }

  @Test
  void llama8bFitsOneH100AtFullContext() {
    FitRecommendation r = recommend(geometry(TestConfigs.LLAMA_31_8B), h100s(1), null);
    FitOption o = r.best().orElseThrow();
    assertEquals(H100, o.gpu());
    assertEquals(1, o.tensorParallelSize());
    assertEquals("none", o.quantization());
    assertEquals(16_060_522_496L, o.weightsBytesPerGpu());
    // usable (81559 − 700) MiB × 0.9 = 76,308,126,105; activation 240 MiB + 1024 × 128256 × 37 =
    // 5,111,021,568; non-torch 150 MiB; CUDA graphs 256 MiB → KV 54,710,860,185 (50.95 GiB;
    // vLLM logged 51.38 GiB for this model on an H100)
    assertEquals(54_710_860_185L, o.kvCacheBytesPerGpu());
    assertEquals(131_072, o.maxModelLen());
    // 54,710,860,185 / (131072 tokens × 131072 bytes) = 3.18
    assertEquals(3.18, o.maxConcurrency(), 1e-9);
    assertEquals(
        List.of(
            "--tensor-parallel-size=1", "--max-model-len=131072", "--gpu-memory-utilization=0.9"),
        o.vllmArgs());
    assertTrue(o.explanation().contains("full context of 131072 tokens fits"), o.explanation());
    assertEquals(131_072, r.kvCacheBytesPerToken());
    assertEquals(8_030_261_248L, r.parameters());
  }

  @Test
  void llama70bNeedsFourH100sInBf16AndSaysSo() {
    FitRecommendation r = recommend(geometry(TestConfigs.LLAMA_31_70B), h100s(8), 32_768L);
    FitOption tp1 = r.option(H100, 1, "none").orElseThrow();
    assertFalse(tp1.fits());
    assertEquals(0, tp1.kvCacheBytesPerGpu());
    assertTrue(tp1.explanation().contains("It fits with TP=4 (4 GPUs)"), tp1.explanation());
    assertTrue(
        tp1.explanation().contains("A 4-bit AWQ/GPTQ variant would need"), tp1.explanation());
    // TP=2: 70,555,025,408 bytes (65.71 GiB) of weights leave less than nothing at 0.9
    assertFalse(r.option(H100, 2, "none").orElseThrow().fits());
    FitOption tp4 = r.option(H100, 4, "none").orElseThrow();
    assertTrue(tp4.fits());
    assertTrue(tp4.vllmArgs().contains("--tensor-parallel-size=4"));
    // online FP8 halves the linear layers: TP=2 fits
    FitOption fp8 = r.option(H100, 2, "fp8").orElseThrow();
    assertTrue(fp8.fits());
    assertTrue(fp8.vllmArgs().contains("--quantization=fp8"));
    // fitting options come first, fewest GPUs first, the checkpoint format before online FP8
    assertEquals(2, r.best().orElseThrow().tensorParallelSize());
    assertEquals("fp8", r.best().orElseThrow().quantization());
    assertEquals("none", r.options().get(1).quantization());
  }

  @Test
  void awq70bFitsOneH100OnlyWithAShorterContext() {
    ModelGeometry awq =
        TestConfigs.geometryWith(
            TestConfigs.LLAMA_31_70B,
            "{\"quantization_config\":{\"quant_method\":\"awq\",\"bits\":4,\"group_size\":128,"
                + "\"zero_point\":true}}");
    // weights 39,767,785,472 (37.04 GiB) → KV 31,003,597,209 bytes (28.87 GiB)
    // minus the 0.5 GiB margin floor = 30,466,726,297 / 327,680 bytes per token = 92,977 tokens
    // → 92,928 rounded to 256
    assertTrue(recommend(awq, h100s(1), 131_072L).best().isEmpty());
    FitOption o = recommend(awq, h100s(1), 131_072L).option(H100, 1, "awq").orElseThrow();
    assertFalse(o.fits());
    assertEquals(39_767_785_472L, o.weightsBytesPerGpu());
    assertEquals(92_928, o.largestFittingModelLen());
    assertTrue(
        o.explanation().contains("The largest --max-model-len that fits is 92928."),
        o.explanation());
    // FP8 KV: 163,840 bytes per token → 189,230 tokens ≥ the 131,072 limit
    assertTrue(o.explanation().contains("It fits with --kv-cache-dtype fp8"), o.explanation());
    assertFalse(o.vllmArgs().stream().anyMatch(a -> a.startsWith("--quantization")));

    FitOption shorter = recommend(awq, h100s(1), 32_768L).best().orElseThrow();
    assertEquals(32_768, shorter.maxModelLen());
    // 31,003,597,209 / (32768 × 327,680) = 2.88
    assertEquals(2.88, shorter.maxConcurrency(), 1e-9);

    FitOption auto = recommend(awq, h100s(1), null).best().orElseThrow();
    assertEquals(92_928, auto.maxModelLen());
    assertTrue(auto.vllmArgs().contains("--max-model-len=92928"));
  }

  @Test
  void capsRequestedLengthAtTheModelLimit() {
    FitRecommendation r = recommend(geometry(TestConfigs.LLAMA_2_7B), h100s(1), 200_000L);
    FitOption o = r.best().orElseThrow();
    assertEquals(4096, o.maxModelLen());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("exceeds the model's limit of 4096")));
  }

  @Test
  void fp8KvCacheHalvesBytesAndDoublesConcurrency() {
    ModelGeometry g = geometry(TestConfigs.LLAMA_31_8B);
    FitOption auto = recommend(g, h100s(1), 131_072L).best().orElseThrow();
    FitRecommendation fp8 =
        engine.recommend(
            FitRequest.of(g, List.of(h100s(1)))
                .withMaxModelLen(131_072L)
                .withKvCacheDtype(KvCacheDtype.FP8));
    FitOption o = fp8.best().orElseThrow();
    assertEquals(65_536, fp8.kvCacheBytesPerToken());
    assertEquals("fp8", o.kvCacheDtype());
    assertTrue(o.vllmArgs().contains("--kv-cache-dtype=fp8"));
    assertEquals(auto.kvCacheBytesPerGpu(), o.kvCacheBytesPerGpu());
    assertEquals(auto.maxConcurrency() * 2, o.maxConcurrency(), 0.011);
  }

  @Test
  void mlaCacheDoesNotShrinkWithTensorParallelism() {
    ModelGeometry g = geometry(TestConfigs.DEEPSEEK_V2_LITE);
    FitRecommendation r = recommend(g, new GpuOffer("L40S", 0, 2), 32_768L);
    FitOption tp2 = r.option("L40S-48GB", 2, "none").orElseThrow();
    assertTrue(tp2.explanation().contains("MLA latent cache is replicated on every rank"));
    assertTrue(tp2.explanation().contains("at 30.4 KiB per token"), tp2.explanation()); // 31,104 B
    assertTrue(tp2.vllmArgs().contains("--trust-remote-code"));
    assertEquals(31_104, r.kvCacheBytesPerToken());
  }

  @Test
  void explainsSlidingWindowLayers() {
    FitOption o =
        recommend(geometry(TestConfigs.PHI3_MINI), new GpuOffer("L4", 0, 1), null)
            .best()
            .orElseThrow();
    assertEquals(4096, o.maxModelLen());
    assertTrue(o.explanation().contains("32 of 32 layers use a 2047-token sliding window"));
    // vLLM holds window − 1 + max_num_batched_tokens (2048 on an L4) = 4094 tokens per sliding
    // layer: 257 blocks of 16 tokens × 393,216 bytes, not the window's 2047 tokens
    assertEquals(
        Math.floor(o.kvCacheBytesPerGpu() * 100.0 / (257L * 16 * 393_216)) / 100.0,
        o.maxConcurrency());
  }

  @Test
  void gemma3NeverProposesMoreContextThanVllmAccepts() {
    // gemma-3-27b-it's real config: vLLM derives 131,072 (rope scaling is not applied again)
    FitRecommendation r =
        engine.recommend(
            FitRequest.of(
                    geometry(TestConfigs.GEMMA3_27B_IT), List.of(new GpuOffer("H200-141GB", 0, 1)))
                .withQuantization("none"));
    FitOption o = r.best().orElseThrow();
    assertEquals(131_072, o.maxModelLen());
    assertTrue(o.vllmArgs().contains("--max-model-len=131072"), o.vllmArgs().toString());
  }

  @Test
  void everyOptionStatesItsMargin() {
    FitRecommendation r =
        engine.recommend(FitRequest.of(geometry(TestConfigs.LLAMA_31_8B), List.of(h100s(1))));
    for (FitOption o : r.options()) {
      long need = o.memory().kvCacheBytes() - o.marginBytes();
      assertTrue(need > 0, o.toString());
      if (o.fits()) {
        assertTrue(o.marginBytes() >= FitConstants.DEFAULT_MARGIN_FLOOR_BYTES, o.toString());
        assertTrue(o.explanation().contains("Margin left on each GPU"), o.explanation());
      }
    }
  }

  @Test
  void aMarginBelowTheFloorDoesNotFit() {
    ModelGeometry g = geometry(TestConfigs.LLAMA_31_8B);
    FitOption roomy = recommend(g, h100s(1), 32_768L).option(H100, 1, "none").orElseThrow();
    // the same request with a floor just above what it leaves free
    FitEngine strict = new FitEngine(null, roomy.marginBytes() + 1);
    FitOption tight =
        strict
            .recommend(
                FitRequest.of(g, List.of(h100s(1)))
                    .withMaxModelLen(32_768L)
                    .withQuantization("none"))
            .option(H100, 1, "none")
            .orElseThrow();
    assertTrue(roomy.fits());
    assertFalse(tight.fits());
    assertEquals(roomy.marginBytes(), tight.marginBytes());
    assertTrue(tight.explanation().contains("not counted as fitting"), tight.explanation());
  }

  @Test
  void refusesFp8WeightsOnGpusWithoutFp8() {
    FitRecommendation r =
        recommend(TestConfigs.llama70bModelOptFp8(), new GpuOffer("MI210", 0, 8), 8192L);
    FitOption o = r.option("MI210-64GB", 4, "modelopt").orElseThrow();
    assertFalse(o.fits());
    assertTrue(o.explanation().contains("cannot run FP8 weights"));
  }

  @Test
  void notesTensorParallelSizesThatCannotWork() {
    FitRecommendation r = recommend(geometry(TestConfigs.QWEN25_05B), h100s(8), null);
    assertTrue(r.options().stream().allMatch(o -> o.tensorParallelSize() <= 2));
    assertTrue(
        r.notes().stream().anyMatch(n -> n.startsWith("TP=4 is not possible: 14 attention heads")),
        r.notes().toString());
  }

  @Test
  void addsOnlineFp8ForUnquantizedCheckpointsAndNotesWeightOnlyOnAmpere() {
    FitRecommendation r =
        recommend(geometry(TestConfigs.LLAMA_31_8B), new GpuOffer("A100-80GB", 0, 1), 8192L);
    FitOption fp8 = r.option("A100-80GB", 1, "fp8").orElseThrow();
    assertEquals(9_081_200_640L, fp8.weightsBytesPerGpu());
    assertTrue(fp8.explanation().contains("weight-only"), fp8.explanation());
  }

  @Test
  void sizesARequestedAwqVariantWithoutAQuantizationFlag() {
    FitRecommendation r =
        engine.recommend(
            FitRequest.of(geometry(TestConfigs.LLAMA_31_70B), List.of(h100s(1)))
                .withMaxModelLen(16_384L)
                .withQuantization("awq"));
    assertEquals(1, r.options().size());
    FitOption o = r.options().get(0);
    assertEquals("awq", o.quantization());
    assertTrue(o.fits());
    assertFalse(o.vllmArgs().stream().anyMatch(a -> a.startsWith("--quantization")));
    assertTrue(o.explanation().contains("pre-quantized repository"), o.explanation());
  }

  @Test
  void rejectsAnotherQuantizationForAQuantizedCheckpoint() {
    FitRequest request =
        FitRequest.of(TestConfigs.llama70bModelOptFp8(), List.of(h100s(1)))
            .withQuantization("gptq");
    assertThrows(IllegalArgumentException.class, () -> engine.recommend(request));
  }

  @Test
  void servesFloat32CheckpointsInBf16() {
    FitRecommendation r = recommend(geometry(TestConfigs.LLAMA_2_7B), h100s(1), null);
    FitOption o = r.best().orElseThrow();
    assertTrue(o.vllmArgs().contains("--dtype=bfloat16"));
    assertEquals(6_738_415_616L * 2, o.weightsBytesPerGpu());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("float32")));
  }

  @Test
  void enablesExpertParallelismForBlockQuantizedExperts() {
    ModelGeometry g =
        TestConfigs.geometryWith(
            TestConfigs.QWEN3_30B_A3B,
            "{\"quantization_config\":{\"quant_method\":\"fp8\",\"weight_block_size\":[128,128]}}");
    FitOption o = recommend(g, h100s(8), 32_768L).option(H100, 8, "fp8").orElseThrow();
    assertTrue(o.expertParallel());
    assertTrue(o.vllmArgs().contains("--enable-expert-parallel"));
  }

  @Test
  void acceptsUnknownGpusWithTheirMemory() {
    GpuOffer custom = new GpuOffer("NVIDIA-RTX-PRO-6000", 97_887L * FitConstants.MIB, 1);
    FitOption o =
        recommend(geometry(TestConfigs.LLAMA_31_8B), custom, 32_768L).best().orElseThrow();
    assertEquals("NVIDIA-RTX-PRO-6000", o.gpu());
    assertTrue(o.fits());
    assertThrows(
        IllegalArgumentException.class,
        () -> recommend(geometry(TestConfigs.LLAMA_31_8B), new GpuOffer("Mystery", 0, 1), null));
  }

  @Test
  void saysWhenNoTensorParallelSizeOnTheNodeIsEnough() {
    FitOption o =
        recommend(geometry(TestConfigs.LLAMA_31_70B), new GpuOffer("L4", 0, 1), 8192L)
            .option("L4-24GB", 1, "none")
            .orElseThrow();
    assertTrue(
        o.explanation().contains("More than the 1 GPUs of one node are needed"), o.explanation());
  }

  @Test
  void flagsArchitecturesVllmDoesNotImplement() {
    ModelGeometry g =
        TestConfigs.geometryWith(
            TestConfigs.LLAMA_31_8B, "{\"architectures\":[\"MyCustomForCausalLM\"]}");
    FitRecommendation r = recommend(g, h100s(1), 8192L);
    assertTrue(r.notes().get(0).contains("no native implementation of MyCustomForCausalLM"));
  }

  @Test
  void honoursGpuMemoryUtilization() {
    ModelGeometry g = geometry(TestConfigs.LLAMA_31_8B);
    FitRecommendation r =
        engine.recommend(FitRequest.of(g, List.of(h100s(1))).withGpuMemoryUtilization(0.95));
    FitOption o = r.best().orElseThrow();
    assertTrue(o.vllmArgs().contains("--gpu-memory-utilization=0.95"));
    assertEquals((long) ((81_559L - 700) * FitConstants.MIB * 0.95), o.memory().usableBytes());
  }
}
