package dev.modelmanager.discovery.domain.gpu;

import java.time.Instant;
import java.util.Optional;

/**
 * GPUs of one product and memory size with the same number per node, from one source.
 *
 * @param name stable id: the profile id for static pools, else {@code <profile id or product
 *     slug>-<countPerNode>x-<source>} ("H100-80GB-SXM-8x-kubernetes")
 * @param product the product as the source names it (GFD label, agent report, catalog name)
 * @param vendor maker
 * @param memoryBytes memory of one GPU
 * @param countPerNode GPUs on each node of the pool, the upper bound for tensor parallelism
 * @param nodes nodes in the pool; null for static pools
 * @param allocatable GPUs the scheduler may hand out, summed over the nodes; null for static pools
 * @param used GPUs held by running pods; null for static pools and when no report says
 * @param source where the numbers come from
 * @param observedAt when the oldest node of the pool was seen (static: when the inventory was made)
 * @param profile the catalog profile, when the product is a known one
 */
public record GpuPool(
    String name,
    String product,
    GpuVendor vendor,
    long memoryBytes,
    int countPerNode,
    Integer nodes,
    Integer allocatable,
    Integer used,
    GpuPoolSource source,
    Instant observedAt,
    Optional<GpuProfile> profile) {

  /**
   * The name the GPU catalog and the fit engine know this GPU by: the profile id when known, else
   * the product. Pass this (not {@link #name()}) as a {@code GpuOffer} name.
   */
  public String gpuName() {
    return profile.map(GpuProfile::id).orElse(product);
  }

  GpuPool withName(String newName) {
    return new GpuPool(
        newName,
        product,
        vendor,
        memoryBytes,
        countPerNode,
        nodes,
        allocatable,
        used,
        source,
        observedAt,
        profile);
  }
}
