package dev.modelmanager.discovery.client;

import dev.modelmanager.discovery.domain.gpu.DiscoveredGpu;
import dev.modelmanager.discovery.domain.gpu.GpuLabelParser;
import dev.modelmanager.discovery.domain.gpu.GpuPoolNode;
import dev.modelmanager.discovery.domain.gpu.GpuVendor;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the GPU nodes of the cluster: GPU feature discovery / AMD labeller labels, the node's
 * allocatable GPUs, and the GPUs that non-terminated pods on it request. Needs get/list on nodes
 * and pods (docs/gpu-inventory.md).
 */
@ApplicationScoped
public class KubernetesGpuSource {
  static final String NVIDIA_GPU = "nvidia.com/gpu";
  static final String AMD_GPU = "amd.com/gpu";
  private static final long PAGE_SIZE = 500;
  private static final Set<String> TERMINATED = Set.of("Succeeded", "Failed");

  // Looked up lazily: with the source disabled no client is ever built.
  private final Instance<KubernetesClient> client;
  private final Vertx vertx;

  KubernetesGpuSource(Instance<KubernetesClient> client, Vertx vertx) {
    this.client = client;
    this.vertx = vertx;
  }

  /** A node with GPUs and the extended resource its GPUs are scheduled as. */
  private record GpuNode(String name, DiscoveredGpu gpu, String resource, int allocatable) {}

  /**
   * One entry per node with GPUs. The fabric8 calls block, so they run on a worker thread and the
   * answer comes back on the caller's context. Fails with a message fit for the API response.
   */
  public Uni<List<GpuPoolNode>> gpuNodes() {
    return vertx
        .executeBlocking(Uni.createFrom().item(this::readGpuNodes), false)
        .onFailure()
        .transform(KubernetesGpuSource::explain);
  }

  private List<GpuPoolNode> readGpuNodes() {
    KubernetesClient k8s = client.get();
    Instant observedAt = Instant.now();
    Map<String, GpuNode> gpuNodes = new HashMap<>();
    for (Node node : listAll(options -> k8s.nodes().list(options), null)) {
      gpuNode(node).ifPresent(n -> gpuNodes.put(n.name(), n));
    }
    if (gpuNodes.isEmpty()) {
      return List.of();
    }
    Map<String, Integer> used = usedGpus(k8s, gpuNodes);
    return gpuNodes.values().stream()
        .map(
            n ->
                new GpuPoolNode(
                    n.name(), n.gpu(), n.allocatable(), used.getOrDefault(n.name(), 0), observedAt))
        .toList();
  }

  private static Optional<GpuNode> gpuNode(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    if (labels == null) {
      return Optional.empty();
    }
    return GpuLabelParser.parse(labels)
        .map(
            labelled -> {
              String resource = labelled.vendor() == GpuVendor.AMD ? AMD_GPU : NVIDIA_GPU;
              Map<String, Quantity> capacity =
                  node.getStatus() == null ? null : node.getStatus().getCapacity();
              Map<String, Quantity> allocatable =
                  node.getStatus() == null ? null : node.getStatus().getAllocatable();
              // AMD labels carry no count: it comes from the capacity.
              DiscoveredGpu gpu =
                  GpuLabelParser.parse(labels, amount(capacity, resource)).orElse(labelled);
              Integer schedulable = amount(allocatable, resource);
              return new GpuNode(
                  node.getMetadata().getName(),
                  gpu,
                  resource,
                  schedulable == null ? 0 : schedulable);
            });
  }

  /** GPUs requested by the pods on each GPU node that have not terminated. */
  private static Map<String, Integer> usedGpus(KubernetesClient k8s, Map<String, GpuNode> nodes) {
    Map<String, Integer> used = new HashMap<>();
    // The API filters by phase; the check below keeps the answer right where it cannot.
    String notTerminated = "status.phase!=Succeeded,status.phase!=Failed";
    for (Pod pod : listAll(o -> k8s.pods().inAnyNamespace().list(o), notTerminated)) {
      String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
      GpuNode node = nodeName == null ? null : nodes.get(nodeName);
      if (node == null || terminated(pod)) {
        continue;
      }
      used.merge(nodeName, requested(pod, node.resource()), Integer::sum);
    }
    return used;
  }

  private static boolean terminated(Pod pod) {
    return pod.getStatus() != null && TERMINATED.contains(pod.getStatus().getPhase());
  }

  /**
   * GPUs a pod holds as the scheduler counts them: the larger of the sum over its containers and
   * the largest init container.
   */
  static int requested(Pod pod, String resource) {
    int containers =
        pod.getSpec().getContainers().stream().mapToInt(c -> requested(c, resource)).sum();
    int init =
        pod.getSpec().getInitContainers().stream()
            .mapToInt(c -> requested(c, resource))
            .max()
            .orElse(0);
    return Math.max(containers, init);
  }

  private static int requested(Container container, String resource) {
    ResourceRequirements r = container.getResources();
    if (r == null) {
      return 0;
    }
    // Extended resources may be given as limits only; the request then equals the limit.
    Integer request = amount(r.getRequests(), resource);
    Integer limit = amount(r.getLimits(), resource);
    return request != null ? request : limit != null ? limit : 0;
  }

  private static Integer amount(Map<String, Quantity> quantities, String resource) {
    if (quantities == null || quantities.get(resource) == null) {
      return null;
    }
    return quantities.get(resource).getNumericalAmount().intValue();
  }

  private static <T extends HasMetadata> List<T> listAll(
      Function<ListOptions, KubernetesResourceList<T>> page, String fieldSelector) {
    List<T> all = new ArrayList<>();
    String next = null;
    do {
      ListOptions options =
          new ListOptionsBuilder()
              .withLimit(PAGE_SIZE)
              .withContinue(next)
              .withFieldSelector(fieldSelector)
              .build();
      KubernetesResourceList<T> list = page.apply(options);
      all.addAll(list.getItems());
      next = list.getMetadata() == null ? null : list.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
    return all;
  }

  /** A failure as the inventory reports it: what the API said, never a stack trace. */
  private static Throwable explain(Throwable e) {
    if (e instanceof KubernetesClientException k && k.getCode() > 0) {
      String reason = k.getStatus() != null ? k.getStatus().getMessage() : null;
      return new IllegalStateException(
          "the Kubernetes API answered " + k.getCode() + (reason != null ? ": " + reason : ""), e);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new IllegalStateException(
        "the Kubernetes API could not be reached (" + root.getClass().getSimpleName() + ")", e);
  }
}
