package dev.modelmanager.discovery.domain.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GpuCatalogTest {

  @Test
  void carriesTheMemoryNvidiaSmiReports() {
    assertEquals(81559, GpuCatalog.H100_SXM.memoryMiB());
    assertEquals(81559, GpuCatalog.H100_PCIE.memoryMiB());
    assertEquals(143771, GpuCatalog.H200.memoryMiB());
    assertEquals(81920, GpuCatalog.A100_80.memoryMiB());
    assertEquals(40960, GpuCatalog.A100_40.memoryMiB());
    assertEquals(46068, GpuCatalog.L40S.memoryMiB());
    assertEquals(23034, GpuCatalog.L4.memoryMiB());
    assertEquals(23028, GpuCatalog.A10.memoryMiB());
    assertEquals(24564, GpuCatalog.RTX_4090.memoryMiB());
  }

  @Test
  void carriesTheVramRocmSmiReports() {
    assertEquals(68_702_699_520L, GpuCatalog.MI210.memoryBytes());
    assertEquals(205_822_885_888L, GpuCatalog.MI300X.memoryBytes());
  }

  @Test
  void findsProfilesByIdNameProductAndDeviceId() {
    assertEquals(GpuCatalog.H100_SXM, GpuCatalog.find("NVIDIA-H100-80GB-HBM3").orElseThrow());
    assertEquals(GpuCatalog.H100_PCIE, GpuCatalog.find("NVIDIA-H100-PCIe").orElseThrow());
    assertEquals(GpuCatalog.H100_SXM, GpuCatalog.find("h100 80gb sxm").orElseThrow());
    assertEquals(GpuCatalog.H100_SXM, GpuCatalog.find("H100").orElseThrow());
    assertEquals(GpuCatalog.L40S, GpuCatalog.find("NVIDIA L40S 48GB").orElseThrow());
    assertEquals(GpuCatalog.L4, GpuCatalog.find("L4").orElseThrow()); // not L40S
    assertEquals(GpuCatalog.L40S, GpuCatalog.find("L40S").orElseThrow());
    assertEquals(GpuCatalog.MI210, GpuCatalog.find("MI210").orElseThrow());
    assertEquals(GpuCatalog.A100_80, GpuCatalog.find("A100").orElseThrow());
    assertEquals(GpuCatalog.MI300X, GpuCatalog.find("AMD_Instinct_MI300X").orElseThrow());
    assertEquals(GpuCatalog.MI210, GpuCatalog.find("740f").orElseThrow());
    assertTrue(GpuCatalog.find("TPU v5e").isEmpty());
  }

  @Test
  void listsEveryGpuTheFleetUses() {
    Set<String> ids = GpuCatalog.all().stream().map(GpuProfile::id).collect(Collectors.toSet());
    assertEquals(11, ids.size());
    assertTrue(ids.contains("RTX-4090-24GB"));
  }
}
