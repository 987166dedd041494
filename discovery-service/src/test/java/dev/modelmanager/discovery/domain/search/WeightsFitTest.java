package dev.modelmanager.discovery.domain.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.discovery.domain.gpu.GpuCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightsFitTest {

  @Test
  void weightsBytesComeFromTheHubsPerDtypeCounts() {
    // Llama-3.1-8B: 8,030,261,248 BF16 parameters = 16,060,522,496 bytes.
    assertThat(WeightsFit.weightsBytes(Map.of("BF16", 8_030_261_248L))).contains(16_060_522_496L);
    // An FP8 checkpoint keeps its scales in F32 and its norms in BF16.
    assertThat(WeightsFit.weightsBytes(Map.of("F8_E4M3", 1_000L, "F32", 10L, "BF16", 5L)))
        .contains(1_000L + 40 + 10);
    assertThat(WeightsFit.weightsBytes(Map.of("NOT_A_DTYPE", 1L))).isEmpty();
    assertThat(WeightsFit.weightsBytes(Map.of())).isEmpty();
  }

  @Test
  void seventyBillionBf16ParametersNeedTwoH100sAndDoNotFitEightL4s() {
    long llama70b = 70_553_706_496L * 2;
    WeightsFit.Verdict h100 =
        WeightsFit.check(llama70b, GpuCatalog.find("H100-80GB").orElseThrow(), 8);
    assertThat(h100.fits()).isTrue();
    assertThat(h100.minGpus()).isEqualTo(4);
    WeightsFit.Verdict l4 = WeightsFit.check(llama70b, GpuCatalog.find("L4").orElseThrow(), 8);
    assertThat(l4.fits()).isFalse();
    assertThat(l4.minGpus()).isNull();
  }

  @Test
  void fewerGpusPerNodeLimitTheTensorParallelSize() {
    long mixtral = 46_702_792_704L * 2;
    assertThat(WeightsFit.check(mixtral, GpuCatalog.find("L4").orElseThrow(), 4).fits()).isFalse();
    assertThat(WeightsFit.check(mixtral, GpuCatalog.find("L4").orElseThrow(), 8).minGpus())
        .isEqualTo(8);
  }
}
