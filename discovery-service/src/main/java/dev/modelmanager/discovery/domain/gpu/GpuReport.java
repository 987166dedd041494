package dev.modelmanager.discovery.domain.gpu;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest GPU report of one node, as its agent posted it.
 *
 * @param node the node's name (DNS-1123 subdomain)
 * @param gpus the kinds of GPU on the node
 * @param labels node labels the agent passed along (may be empty)
 * @param reportedAt when the service received the report
 */
public record GpuReport(
    String node, List<Gpu> gpus, Map<String, String> labels, Instant reportedAt) {

  public GpuReport {
    gpus = List.copyOf(gpus);
    // Sorted so the stored JSON and the answer are the same for the same labels.
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /**
   * One kind of GPU on the node.
   *
   * @param product the product name the agent read (nvidia-smi, rocm-smi, GFD label)
   * @param memoryBytes memory of one GPU
   * @param count GPUs of this kind on the node
   * @param used GPUs in use, null when the agent does not say
   */
  public record Gpu(String product, long memoryBytes, int count, Integer used) {}
}
