package dev.modelmanager.testkit.kserve;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * A GPU node as GPU feature discovery labels it.
 *
 * @param product the {@code nvidia.com/gpu.product} label, e.g. {@code NVIDIA-L4}
 * @param memoryMiB the {@code nvidia.com/gpu.memory} label
 */
public record GpuNode(String name, int gpus, String product, int memoryMiB) {

  Node toNode() {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(
            Map.of(
                "kubernetes.io/hostname",
                name,
                "nvidia.com/gpu.present",
                "true",
                "nvidia.com/gpu.product",
                product,
                "nvidia.com/gpu.count",
                Integer.toString(gpus),
                "nvidia.com/gpu.memory",
                Integer.toString(memoryMiB)))
        .endMetadata()
        .withNewStatus()
        .withAllocatable(
            Map.of(
                "nvidia.com/gpu", new Quantity(Integer.toString(gpus)),
                "cpu", new Quantity("32"),
                "memory", new Quantity("128Gi")))
        .withCapacity(Map.of("nvidia.com/gpu", new Quantity(Integer.toString(gpus))))
        .endStatus()
        .build();
  }
}
