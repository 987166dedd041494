package dev.modelmanager.discovery.domain.gpu;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Groups what the inventory sources saw into GPU pools, names them and orders them. */
public final class GpuPools {

  /** API order: memory per GPU, largest first, then name. */
  public static final Comparator<GpuPool> ORDER =
      Comparator.comparingLong(GpuPool::memoryBytes)
          .reversed()
          .thenComparing(GpuPool::name, String.CASE_INSENSITIVE_ORDER);

  private static final int MAX_SLUG = 64;
  // Drivers and board variants differ by a few MiB; a 40 GB part must never pass for the 80 GB one.
  private static final double SAME_MEMORY_TOLERANCE = 0.03;
  private static final Pattern MIG = Pattern.compile("(?i).*(^|[^a-z0-9])mig([^a-z0-9]|$).*");
  private static final Pattern AMD = Pattern.compile("(?i).*(amd|instinct|radeon|\\bmi\\d).*");

  private GpuPools() {}

  /** One key per pool: GPUs of one product and memory size with the same count per node. */
  private record Shape(GpuVendor vendor, String product, long memoryBytes, int countPerNode) {
    static Shape of(DiscoveredGpu gpu) {
      return new Shape(gpu.vendor(), gpu.product(), gpu.memoryBytes(), gpu.count());
    }
  }

  /** Groups one source's nodes into pools. */
  public static List<GpuPool> group(GpuPoolSource source, Collection<GpuPoolNode> nodes) {
    Map<Shape, List<GpuPoolNode>> byShape = new LinkedHashMap<>();
    for (GpuPoolNode node : nodes) {
      byShape.computeIfAbsent(Shape.of(node.gpu()), k -> new ArrayList<>()).add(node);
    }
    return byShape.values().stream().map(members -> observed(source, members)).toList();
  }

  private static GpuPool observed(GpuPoolSource source, List<GpuPoolNode> members) {
    DiscoveredGpu gpu = members.get(0).gpu();
    int allocatable = members.stream().mapToInt(GpuPoolNode::allocatable).sum();
    // Unknown stays unknown: a sum over the nodes that did say is still a lower bound worth
    // showing.
    Integer used =
        members.stream()
            .map(GpuPoolNode::used)
            .filter(Objects::nonNull)
            .reduce(Integer::sum)
            .orElse(null);
    Instant oldest =
        members.stream().map(GpuPoolNode::observedAt).min(Comparator.naturalOrder()).orElseThrow();
    return new GpuPool(
        baseName(gpu) + "-" + gpu.count() + "x-" + source.id(),
        gpu.product(),
        gpu.vendor(),
        gpu.memoryBytes(),
        gpu.count(),
        members.size(),
        allocatable,
        used,
        source,
        oldest,
        gpu.profile());
  }

  private static String baseName(DiscoveredGpu gpu) {
    // Time-sliced GPUs match the whole GPU's profile but are a different offer.
    String shared = gpu.product().endsWith("-SHARED") ? "-shared" : "";
    return gpu.profile().map(p -> p.id() + shared).orElseGet(() -> slug(gpu.product()));
  }

  /** Static pools: one per profile, named by its id, with nothing observed. */
  public static List<GpuPool> fromProfiles(
      Collection<GpuProfile> profiles, int countPerNode, Instant at) {
    return profiles.stream()
        .distinct()
        .map(
            p ->
                new GpuPool(
                    p.id(),
                    p.displayName(),
                    p.vendor(),
                    p.memoryBytes(),
                    countPerNode,
                    null,
                    null,
                    null,
                    GpuPoolSource.STATIC,
                    at,
                    Optional.of(p)))
        .toList();
  }

  /**
   * One entry of a node agent's report as a pool member. Every reported GPU is allocatable: the
   * agent sees devices, not the scheduler.
   */
  public static GpuPoolNode reported(
      String node, String product, long memoryBytes, int count, Integer used, Instant at) {
    Optional<GpuProfile> profile = profileOf(product, memoryBytes);
    GpuVendor vendor = profile.map(GpuProfile::vendor).orElseGet(() -> guessVendor(product));
    DiscoveredGpu gpu = new DiscoveredGpu(vendor, product, memoryBytes, count, profile);
    return new GpuPoolNode(node, gpu, count, used, at);
  }

  /**
   * The catalog profile of a reported product, taken only when the reported memory agrees, so a
   * short name such as "A100" with 40 GB finds the 40 GB profile. MIG slices never match.
   */
  public static Optional<GpuProfile> profileOf(String product, long memoryBytes) {
    if (MIG.matcher(product).matches()) {
      return Optional.empty();
    }
    Optional<GpuProfile> named = GpuCatalog.find(product).filter(p -> sameMemory(p, memoryBytes));
    if (named.isPresent()) {
      return named;
    }
    String key = GpuCatalog.normalize(product);
    return GpuCatalog.all().stream()
        .filter(p -> sameMemory(p, memoryBytes))
        .filter(p -> !key.isEmpty() && GpuCatalog.normalize(p.id()).startsWith(key))
        .findFirst();
  }

  private static boolean sameMemory(GpuProfile p, long memoryBytes) {
    return Math.abs(p.memoryBytes() - memoryBytes) <= p.memoryBytes() * SAME_MEMORY_TOLERANCE;
  }

  private static GpuVendor guessVendor(String product) {
    return AMD.matcher(product).matches() ? GpuVendor.AMD : GpuVendor.NVIDIA;
  }

  /** Every pool in API order, names made unique: a clash gets the memory in MiB, then a counter. */
  public static List<GpuPool> ordered(Collection<GpuPool> pools) {
    Function<GpuPool, String> key = p -> p.name().toLowerCase(Locale.ROOT);
    Map<String, Long> uses =
        pools.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    Set<String> taken = new HashSet<>();
    List<GpuPool> named = new ArrayList<>();
    for (GpuPool pool : pools.stream().sorted(ORDER).toList()) {
      String name =
          uses.get(key.apply(pool)) > 1
              ? pool.name() + "-" + pool.memoryBytes() / GpuProfile.MIB + "mib"
              : pool.name();
      String unique = name;
      for (int i = 2; !taken.add(unique.toLowerCase(Locale.ROOT)); i++) {
        unique = name + "-" + i;
      }
      named.add(unique.equals(pool.name()) ? pool : pool.withName(unique));
    }
    return named.stream().sorted(ORDER).toList();
  }

  /** A lower-case, dash-separated form of a product label, fit for a pool name. */
  public static String slug(String product) {
    String s =
        product.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (s.length() > MAX_SLUG) {
      s = s.substring(0, MAX_SLUG).replaceAll("-+$", "");
    }
    return s.isEmpty() ? "gpu" : s;
  }
}
