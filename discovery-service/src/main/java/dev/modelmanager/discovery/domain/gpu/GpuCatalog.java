package dev.modelmanager.discovery.domain.gpu;

import static dev.modelmanager.discovery.domain.gpu.GpuProfile.MIB;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The GPUs Model Manager knows, with the exact memory their inventory reports.
 *
 * <p>NVIDIA values are {@code memory.total} of nvidia-smi, which GPU feature discovery publishes
 * unchanged as {@code nvidia.com/gpu.memory} (MiB): e.g. an 80 GB H100 (80 GiB of HBM3, some of it
 * kept for ECC and the firmware) reports 81559 MiB. AMD values are rocm-smi's "VRAM Total Memory
 * (B)"; the AMD node labeller only publishes a rounded {@code amd.com/gpu.vram} such as "192G".
 * Every number was checked against published nvidia-smi / rocm-smi output (see docs/fit-engine.md).
 */
public final class GpuCatalog {

  public static final GpuProfile H100_SXM =
      nvidia(
          "H100-80GB-SXM",
          "NVIDIA H100 80GB SXM",
          81559,
          "hopper",
          Fp8Support.NATIVE,
          "NVIDIA-H100-80GB-HBM3",
          "NVIDIA-H100-SXM5-80GB");
  public static final GpuProfile H100_PCIE =
      nvidia(
          "H100-80GB-PCIe",
          "NVIDIA H100 80GB PCIe",
          81559,
          "hopper",
          Fp8Support.NATIVE,
          "NVIDIA-H100-PCIe");
  public static final GpuProfile H200 =
      nvidia(
          "H200-141GB",
          "NVIDIA H200 141GB",
          143771,
          "hopper",
          Fp8Support.NATIVE,
          "NVIDIA-H200",
          "NVIDIA-H200-SXM");
  public static final GpuProfile A100_80 =
      nvidia(
          "A100-80GB",
          "NVIDIA A100 80GB",
          81920,
          "ampere",
          Fp8Support.WEIGHT_ONLY,
          "NVIDIA-A100-SXM4-80GB",
          "NVIDIA-A100-80GB-PCIe");
  public static final GpuProfile A100_40 =
      nvidia(
          "A100-40GB",
          "NVIDIA A100 40GB",
          40960,
          "ampere",
          Fp8Support.WEIGHT_ONLY,
          "NVIDIA-A100-SXM4-40GB",
          "NVIDIA-A100-PCIE-40GB");
  public static final GpuProfile L40S =
      nvidia("L40S-48GB", "NVIDIA L40S 48GB", 46068, "ada", Fp8Support.NATIVE, "NVIDIA-L40S");
  public static final GpuProfile L4 =
      nvidia("L4-24GB", "NVIDIA L4 24GB", 23034, "ada", Fp8Support.NATIVE, "NVIDIA-L4");
  public static final GpuProfile A10 =
      nvidia("A10-24GB", "NVIDIA A10 24GB", 23028, "ampere", Fp8Support.WEIGHT_ONLY, "NVIDIA-A10");
  public static final GpuProfile RTX_4090 =
      nvidia(
          "RTX-4090-24GB",
          "NVIDIA GeForce RTX 4090 24GB",
          24564,
          "ada",
          Fp8Support.NATIVE,
          "NVIDIA-GeForce-RTX-4090");
  public static final GpuProfile MI210 =
      new GpuProfile(
          "MI210-64GB",
          "AMD Instinct MI210 64GB",
          GpuVendor.AMD,
          68_702_699_520L,
          List.of("AMD_Instinct_MI210"),
          List.of("740f"),
          "cdna2",
          Fp8Support.NONE);
  public static final GpuProfile MI300X =
      new GpuProfile(
          "MI300X-192GB",
          "AMD Instinct MI300X 192GB",
          GpuVendor.AMD,
          205_822_885_888L,
          List.of("AMD_Instinct_MI300X"),
          List.of("74a1", "74b5"),
          "cdna3",
          Fp8Support.NATIVE);

  private static final List<GpuProfile> ALL =
      List.of(H100_SXM, H100_PCIE, H200, A100_80, A100_40, L40S, L4, A10, RTX_4090, MI210, MI300X);

  private GpuCatalog() {}

  private static GpuProfile nvidia(
      String id, String name, long mib, String arch, Fp8Support fp8, String... products) {
    return new GpuProfile(
        id, name, GpuVendor.NVIDIA, mib * MIB, List.of(products), List.of(), arch, fp8);
  }

  /** Every profile, NVIDIA first. */
  public static List<GpuProfile> all() {
    return ALL;
  }

  /**
   * Finds a profile by id, display name, product label or AMD device id, ignoring case, spaces,
   * dashes and underscores ("H100 80GB SXM", "NVIDIA-H100-80GB-HBM3", "mi300x-192gb", "74a1").
   */
  public static Optional<GpuProfile> find(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    String key = normalize(name);
    for (GpuProfile p : ALL) {
      if (normalize(p.id()).equals(key) || normalize(p.displayName()).equals(key)) {
        return Optional.of(p);
      }
      for (String product : p.productNames()) {
        String normalized = normalize(product);
        if (normalized.equals(key) || withoutVendor(normalized).equals(withoutVendor(key))) {
          return Optional.of(p);
        }
      }
      if (p.deviceIds().contains(name.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(p);
      }
    }
    // A shorter spelling ("H100 80GB", "A100") picks the first profile it starts.
    return ALL.stream().filter(p -> normalize(p.id()).startsWith(key)).findFirst();
  }

  private static String withoutVendor(String normalized) {
    for (String prefix : new String[] {"nvidia", "amdinstinct", "amd"}) {
      if (normalized.startsWith(prefix)) {
        return normalized.substring(prefix.length());
      }
    }
    return normalized;
  }

  static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
