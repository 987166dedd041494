package dev.modelmanager.discovery.domain.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuLabelParserTest {

  @Test
  void readsGpuFeatureDiscoveryLabels() {
    DiscoveredGpu gpu =
        GpuLabelParser.parse(
                Map.of(
                    "nvidia.com/gpu.present", "true",
                    "nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3",
                    "nvidia.com/gpu.memory", "81559",
                    "nvidia.com/gpu.count", "8",
                    "nvidia.com/gpu.family", "hopper"))
            .orElseThrow();
    assertEquals(GpuVendor.NVIDIA, gpu.vendor());
    assertEquals(81559L << 20, gpu.memoryBytes());
    assertEquals(8, gpu.count());
    assertEquals(GpuCatalog.H100_SXM, gpu.profile().orElseThrow());
    assertEquals("H100-80GB-SXM", gpu.name());
  }

  @Test
  void stripsTheSharedSuffixAndKeepsPhysicalCount() {
    DiscoveredGpu gpu =
        GpuLabelParser.parse(
                Map.of(
                    "nvidia.com/gpu.product", "NVIDIA-A10-SHARED",
                    "nvidia.com/gpu.memory", "23028",
                    "nvidia.com/gpu.count", "1",
                    "nvidia.com/gpu.replicas", "2"),
                2)
            .orElseThrow();
    assertEquals(GpuCatalog.A10, gpu.profile().orElseThrow());
    assertEquals(1, gpu.count()); // capacity 2 counts time-slicing replicas
  }

  @Test
  void neverMatchesAMigSliceToAWholeGpu() {
    DiscoveredGpu gpu =
        GpuLabelParser.parse(
                Map.of(
                    "nvidia.com/gpu.product", "NVIDIA-A100-SXM4-40GB-MIG-3g.20gb",
                    "nvidia.com/gpu.memory", "20096",
                    "nvidia.com/gpu.count", "2"))
            .orElseThrow();
    assertTrue(gpu.profile().isEmpty());
    assertEquals(20096L << 20, gpu.memoryBytes());
    assertEquals("NVIDIA-A100-SXM4-40GB-MIG-3g.20gb", gpu.name());
  }

  @Test
  void usesNodeCapacityWhenTheCountLabelIsMissing() {
    DiscoveredGpu gpu =
        GpuLabelParser.parse(Map.of("nvidia.com/gpu.product", "NVIDIA-L4"), 4).orElseThrow();
    assertEquals(4, gpu.count());
    assertEquals(23034L << 20, gpu.memoryBytes()); // from the catalog
  }

  @Test
  void readsAmdNodeLabellerLabels() {
    DiscoveredGpu gpu =
        GpuLabelParser.parse(
                Map.of(
                    "amd.com/gpu.product-name", "AMD_Instinct_MI300X",
                    "amd.com/gpu.device-id", "74a1",
                    "amd.com/gpu.vram", "192G",
                    "amd.com/gpu.family", "AI"),
                8)
            .orElseThrow();
    assertEquals(GpuVendor.AMD, gpu.vendor());
    assertEquals(GpuCatalog.MI300X, gpu.profile().orElseThrow());
    assertEquals(205_822_885_888L, gpu.memoryBytes()); // exact, not the rounded 192G
    assertEquals(8, gpu.count());
  }

  @Test
  void readsLegacyBetaAmdLabelsWithValuesInKeys() {
    DiscoveredGpu gpu =
        GpuLabelParser.parse(
                Map.of(
                    "beta.amd.com/gpu.device-id", "6860",
                    "beta.amd.com/gpu.device-id.6860", "1",
                    "beta.amd.com/gpu.vram.16G", "1",
                    "beta.amd.com/gpu.family.AI", "1"))
            .orElseThrow();
    assertTrue(gpu.profile().isEmpty());
    assertEquals(16L << 30, gpu.memoryBytes());
    assertEquals(1, gpu.count());
  }

  @Test
  void findsNothingOnCpuNodes() {
    assertTrue(GpuLabelParser.parse(Map.of("kubernetes.io/arch", "amd64")).isEmpty());
  }
}
