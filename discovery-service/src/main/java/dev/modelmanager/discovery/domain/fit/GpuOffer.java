package dev.modelmanager.discovery.domain.fit;

/**
 * GPUs available for one deployment: a GPU type and how many of them one node offers.
 *
 * @param name a catalog id, product label or free name ("H100-80GB-SXM", "NVIDIA-L40S")
 * @param memoryBytes memory of one GPU as inventoried (0 = take it from the catalog)
 * @param count GPUs of this type on one node, the upper bound for tensor parallelism
 */
public record GpuOffer(String name, long memoryBytes, int count) {

  public GpuOffer {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("gpu name is required");
    }
    if (count < 1) {
      throw new IllegalArgumentException("gpu count must be at least 1");
    }
    if (memoryBytes < 0) {
      throw new IllegalArgumentException("gpu memoryBytes must not be negative");
    }
  }
}
