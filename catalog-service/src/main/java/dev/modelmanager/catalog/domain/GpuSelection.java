package dev.modelmanager.catalog.domain;

import dev.modelmanager.model.catalog.ModelEntry;
import dev.modelmanager.model.discovery.GpuPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which GPU pools an entry can land on: the vendor and count of its GPU resource, and the GPU
 * product its nodeSelector pins (labels such as {@code nvidia.com/gpu.product}).
 *
 * @param problem why the entry's resources cannot select GPUs, or null
 */
public record GpuSelection(String vendor, int count, List<String> products, String problem) {

  private static final List<String> VENDORS = List.of("nvidia", "amd");

  public static GpuSelection of(ModelEntry e) {
    int tp = e.vllm().tensorParallelSize() == null ? 1 : e.vllm().tensorParallelSize();
    String vendor = null;
    int count = 0;
    for (String v : VENDORS) {
      String n = gpuQuantity(e.resources(), v + ".com/gpu");
      if (n != null) {
        vendor = v;
        count = n.matches("[0-9]{1,3}") ? Integer.parseInt(n) : -1;
      }
    }
    if (vendor == null) {
      return new GpuSelection(
          null, 0, List.of(), "resources request no GPU: set nvidia.com/gpu or amd.com/gpu");
    }
    if (count != tp) {
      return new GpuSelection(
          vendor,
          count,
          List.of(),
          vendor
              + ".com/gpu is "
              + count
              + " but vllm.tensorParallelSize is "
              + tp
              + "; vLLM uses one GPU per tensor-parallel rank");
    }
    List<String> products = new ArrayList<>();
    if (e.nodeSelector() != null) {
      e.nodeSelector()
          .forEach(
              (k, v) -> {
                String key = k.toLowerCase(Locale.ROOT);
                if (key.endsWith("gpu.product")
                    || key.endsWith("gpu.model")
                    || key.endsWith("accelerator")) {
                  products.add(v);
                }
              });
    }
    return new GpuSelection(vendor, count, products, null);
  }

  private static String gpuQuantity(ModelEntry.Resources r, String key) {
    if (r == null) {
      return null;
    }
    String limit = r.limits() == null ? null : r.limits().get(key);
    String request = r.requests() == null ? null : r.requests().get(key);
    return limit != null ? limit : request;
  }

  /** The pools of the inventory this selection lands on. */
  public List<GpuPool> select(List<GpuPool> pools) {
    return pools.stream()
        .filter(p -> vendor.equalsIgnoreCase(p.vendor()))
        .filter(p -> p.countPerNode() >= count)
        .filter(p -> products.stream().allMatch(want -> matches(p, want)))
        .toList();
  }

  public String noPoolMessage() {
    return "no GPU pool has "
        + count
        + " "
        + vendor
        + " GPU(s) per node"
        + (products.isEmpty() ? "" : " of " + products)
        + "; see GET /api/v1/gpus";
  }

  /**
   * Whether the pool is the wanted product: the wanted words (vendor aside) begin the pool's
   * product, profile or name, so "NVIDIA-L4" is "NVIDIA L4 24GB" but not "NVIDIA L40S".
   */
  private static boolean matches(GpuPool pool, String wanted) {
    List<String> w = words(wanted);
    for (String candidate : new String[] {pool.product(), pool.profile(), pool.name()}) {
      if (candidate != null && !w.isEmpty()) {
        List<String> c = words(candidate);
        if (c.size() >= w.size() && c.subList(0, w.size()).equals(w)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>(List.of(s.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")));
    out.removeIf(String::isEmpty);
    if (!out.isEmpty() && VENDORS.contains(out.get(0))) {
      out.remove(0);
    }
    return out;
  }
}
