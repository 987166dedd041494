package dev.modelmanager.discovery.domain.gpu;

import java.util.Optional;

/**
 * The GPUs of one node, as read from its labels.
 *
 * @param vendor maker
 * @param product the product label as published (e.g. "NVIDIA-H100-80GB-HBM3")
 * @param memoryBytes memory of one GPU: the catalog's exact value when the product is known,
 *     otherwise the label's value
 * @param count GPUs on the node
 * @param profile the matching catalog profile, if any
 */
public record DiscoveredGpu(
    GpuVendor vendor, String product, long memoryBytes, int count, Optional<GpuProfile> profile) {

  /** The name to show and to pass to the fit engine: the catalog id when known. */
  public String name() {
    return profile.map(GpuProfile::id).orElse(product);
  }
}
