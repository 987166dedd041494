package dev.modelmanager.discovery.gpus;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** Nodes and pods as GPU feature discovery, the AMD labeller and the scheduler leave them. */
final class ClusterFixture {
  static final String NVIDIA_GPU = "nvidia.com/gpu";
  static final String AMD_GPU = "amd.com/gpu";

  private final KubernetesClient client;

  ClusterFixture(KubernetesClient client) {
    this.client = client;
  }

  /** An H100 SXM node as GFD labels it: 8 GPUs of 81559 MiB. */
  Node h100Node(String name) {
    return nvidiaNode(name, "NVIDIA-H100-80GB-HBM3", 81559, 8, 8);
  }

  Node nvidiaNode(String name, String product, int memoryMiB, int count, int allocatable) {
    Map<String, String> labels =
        Map.of(
            "nvidia.com/gpu.present",
            "true",
            "nvidia.com/gpu.product",
            product,
            "nvidia.com/gpu.memory",
            Integer.toString(memoryMiB),
            "nvidia.com/gpu.count",
            Integer.toString(count),
            "nvidia.com/gpu.family",
            "hopper",
            "kubernetes.io/os",
            "linux");
    return create(node(name, labels, NVIDIA_GPU, count, allocatable));
  }

  /** An MI300X node as the AMD node labeller labels it; the count comes from the capacity. */
  Node mi300xNode(String name) {
    Map<String, String> labels =
        Map.of(
            "amd.com/gpu.product-name", "AMD_Instinct_MI300X",
            "amd.com/gpu.device-id", "74a1",
            "amd.com/gpu.vram", "192G",
            "amd.com/gpu.family", "AI",
            "kubernetes.io/os", "linux");
    return create(node(name, labels, AMD_GPU, 8, 8));
  }

  /** A CPU-only node. */
  Node cpuNode(String name) {
    return create(
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels("kubernetes.io/os", "linux")
            .endMetadata()
            .withNewStatus()
            .addToAllocatable("cpu", new Quantity("16"))
            .endStatus()
            .build());
  }

  /** A pod on {@code node} whose one container asks for {@code gpus} as a limit (the usual way). */
  Pod gpuPod(String name, String node, String resource, int gpus, String phase) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("inference")
            .endMetadata()
            .withNewSpec()
            .withNodeName(node)
            .addNewContainer()
            .withName("vllm")
            .withImage("vllm/vllm-openai:v0.14.0")
            .withNewResources()
            .addToLimits(resource, new Quantity(Integer.toString(gpus)))
            .addToRequests("cpu", new Quantity("4"))
            .endResources()
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase(phase)
            .endStatus()
            .build();
    return client.resource(pod).create();
  }

  private static Node node(
      String name, Map<String, String> labels, String resource, int capacity, int allocatable) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewStatus()
        .addToCapacity(resource, new Quantity(Integer.toString(capacity)))
        .addToAllocatable(resource, new Quantity(Integer.toString(allocatable)))
        .endStatus()
        .build();
  }

  private Node create(Node node) {
    return client.resource(node).create();
  }
}
