package dev.modelmanager.discovery.domain.gpu;

import java.util.List;

/**
 * A GPU model as the fleet reports it.
 *
 * @param id stable key ("H100-80GB-SXM")
 * @param displayName human name
 * @param vendor maker
 * @param memoryBytes total memory as inventoried: for NVIDIA the NVML total that nvidia-smi and GPU
 *     feature discovery report as {@code nvidia.com/gpu.memory} (MiB × 2^20); for AMD the VRAM
 *     total rocm-smi reports in bytes (which is also what ROCm's {@code hipMemGetInfo} sees)
 * @param productNames values of {@code nvidia.com/gpu.product} / {@code amd.com/gpu.product-name}
 * @param deviceIds PCI device ids (AMD {@code amd.com/gpu.device-id})
 * @param architecture GPU generation (hopper, ampere, ada, cdna2, cdna3)
 * @param fp8 how FP8 weights run on it
 */
public record GpuProfile(
    String id,
    String displayName,
    GpuVendor vendor,
    long memoryBytes,
    List<String> productNames,
    List<String> deviceIds,
    String architecture,
    Fp8Support fp8) {

  /** One mebibyte. */
  public static final long MIB = 1L << 20;

  public GpuProfile {
    productNames = List.copyOf(productNames);
    deviceIds = List.copyOf(deviceIds);
  }

  /** Memory in MiB, as the NVIDIA label spells it. */
  public long memoryMiB() {
    return memoryBytes / MIB;
  }
}
