package dev.modelmanager.discovery.gpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.discovery.domain.gpu.DiscoveredGpu;
import dev.modelmanager.discovery.domain.gpu.GpuCatalog;
import dev.modelmanager.discovery.domain.gpu.GpuLabelParser;
import dev.modelmanager.discovery.domain.gpu.GpuPool;
import dev.modelmanager.discovery.domain.gpu.GpuPoolNode;
import dev.modelmanager.discovery.domain.gpu.GpuPoolSource;
import dev.modelmanager.discovery.domain.gpu.GpuPools;
import dev.modelmanager.discovery.domain.gpu.GpuProfile;
import dev.modelmanager.discovery.domain.gpu.GpuVendor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpuPoolsTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void nodesOfOneShapeMakeOnePoolWithSummedAllocatableAndUsed() {
    List<GpuPool> pools =
        GpuPools.group(
            GpuPoolSource.KUBERNETES,
            List.of(h100("a", 8, 3, T0), h100("b", 7, 5, T0.plusSeconds(20))));

    assertThat(pools).hasSize(1);
    GpuPool pool = pools.get(0);
    assertThat(pool.name()).isEqualTo("H100-80GB-SXM-8x-kubernetes");
    assertThat(pool.nodes()).isEqualTo(2);
    assertThat(pool.allocatable()).isEqualTo(15);
    assertThat(pool.used()).isEqualTo(8);
    assertThat(pool.observedAt()).as("the oldest node").isEqualTo(T0);
    assertThat(pool.gpuName()).isEqualTo("H100-80GB-SXM");
  }

  @Test
  void aDifferentCountPerNodeOrProductIsADifferentPool() {
    GpuPoolNode half = GpuPools.reported("c", "NVIDIA-H100-80GB-HBM3", 81559L << 20, 4, 0, T0);
    GpuPoolNode l4 = GpuPools.reported("d", "NVIDIA-L4", 23034L << 20, 8, 0, T0);

    assertThat(GpuPools.group(GpuPoolSource.AGENT, List.of(h100("a", 8, 0, T0), half, l4)))
        .extracting(GpuPool::name)
        .containsExactly("H100-80GB-SXM-8x-agent", "H100-80GB-SXM-4x-agent", "L4-24GB-8x-agent");
  }

  @Test
  void usedIsUnknownOnlyWhenNoNodeSaysIt() {
    GpuPoolNode silent = GpuPools.reported("a", "NVIDIA-L4", 23034L << 20, 8, null, T0);
    GpuPoolNode talking = GpuPools.reported("b", "NVIDIA-L4", 23034L << 20, 8, 2, T0);

    assertThat(GpuPools.group(GpuPoolSource.AGENT, List.of(silent)).get(0).used()).isNull();
    assertThat(GpuPools.group(GpuPoolSource.AGENT, List.of(silent, talking)).get(0).used())
        .isEqualTo(2);
  }

  @Test
  void timeSlicedGpusArePooledApartFromWholeOnes() {
    DiscoveredGpu shared =
        GpuLabelParser.parse(
                Map.of(
                    "nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB-SHARED",
                    "nvidia.com/gpu.memory", "81920",
                    "nvidia.com/gpu.count", "8"))
            .orElseThrow();
    GpuPoolNode node = new GpuPoolNode("a", shared, 32, 0, T0);

    assertThat(GpuPools.group(GpuPoolSource.KUBERNETES, List.of(node)).get(0).name())
        .isEqualTo("A100-80GB-shared-8x-kubernetes");
  }

  @Test
  void aReportedProductTakesAProfileOnlyWhenTheMemoryAgrees() {
    assertThat(GpuPools.profileOf("A100", 40960L << 20)).contains(GpuCatalog.A100_40);
    assertThat(GpuPools.profileOf("A100", 81920L << 20)).contains(GpuCatalog.A100_80);
    assertThat(GpuPools.profileOf("NVIDIA H100 80GB HBM3", 81559L << 20))
        .contains(GpuCatalog.H100_SXM);
    assertThat(GpuPools.profileOf("NVIDIA H100 80GB HBM3", 40960L << 20)).isEmpty();
    assertThat(GpuPools.profileOf("NVIDIA A100-SXM4-40GB MIG 3g.20gb", 20096L << 20)).isEmpty();
  }

  @Test
  void unknownReportedProductsGetTheVendorTheirNameSuggests() {
    assertThat(GpuPools.reported("a", "AMD Instinct MI325X", 256L << 30, 8, 0, T0).gpu().vendor())
        .isEqualTo(GpuVendor.AMD);
    assertThat(GpuPools.reported("a", "NVIDIA B200", 183359L << 20, 8, 0, T0).gpu().vendor())
        .isEqualTo(GpuVendor.NVIDIA);
  }

  @Test
  void staticPoolsAreNamedByProfileIdWithNothingObserved() {
    List<GpuPool> pools = GpuPools.fromProfiles(List.of(GpuCatalog.L40S, GpuCatalog.L40S), 4, T0);

    assertThat(pools).hasSize(1);
    assertThat(pools.get(0).name()).isEqualTo("L40S-48GB");
    assertThat(pools.get(0).countPerNode()).isEqualTo(4);
    assertThat(pools.get(0).nodes()).isNull();
    assertThat(pools.get(0).allocatable()).isNull();
    assertThat(pools.get(0).used()).isNull();
  }

  @Test
  void orderedIsByMemoryLargestFirstThenName() {
    List<GpuPool> pools =
        GpuPools.ordered(
            GpuPools.fromProfiles(
                List.of(
                    GpuCatalog.L4, GpuCatalog.MI300X, GpuCatalog.H100_SXM, GpuCatalog.H100_PCIE),
                8,
                T0));

    assertThat(pools)
        .extracting(GpuPool::name)
        .containsExactly("MI300X-192GB", "H100-80GB-PCIe", "H100-80GB-SXM", "L4-24GB");
  }

  @Test
  void clashingNamesGetTheMemoryThenACounter() {
    GpuPoolNode a = GpuPools.reported("a", "Mystery GPU", 48L << 30, 2, 0, T0);
    GpuPoolNode b = GpuPools.reported("b", "Mystery GPU", 24L << 30, 2, 0, T0);
    GpuPoolNode c = GpuPools.reported("c", "Mystery-GPU", 24L << 30, 2, 0, T0);

    assertThat(GpuPools.ordered(GpuPools.group(GpuPoolSource.AGENT, List.of(a, b, c))))
        .extracting(GpuPool::name)
        .containsExactly(
            "mystery-gpu-2x-agent-49152mib",
            "mystery-gpu-2x-agent-24576mib",
            "mystery-gpu-2x-agent-24576mib-2");
  }

  @Test
  void slugsAreLowerCaseDashSeparatedAndBounded() {
    assertThat(GpuPools.slug("NVIDIA-A100-SXM4-40GB-MIG-1g.5gb"))
        .isEqualTo("nvidia-a100-sxm4-40gb-mig-1g-5gb");
    assertThat(GpuPools.slug("  ##  ")).isEqualTo("gpu");
    assertThat(GpuPools.slug("x".repeat(100))).hasSize(64);
  }

  private static GpuPoolNode h100(String node, int allocatable, int used, Instant at) {
    GpuProfile h100 = GpuCatalog.H100_SXM;
    DiscoveredGpu gpu =
        new DiscoveredGpu(
            GpuVendor.NVIDIA, "NVIDIA-H100-80GB-HBM3", 81559L << 20, 8, Optional.of(h100));
    return new GpuPoolNode(node, gpu, allocatable, used, at);
  }
}
