package dev.modelmanager.discovery.domain.gpu;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the GPUs of a Kubernetes node from its labels.
 *
 * <p>NVIDIA GPU feature discovery publishes {@code nvidia.com/gpu.product} (e.g.
 * "NVIDIA-H100-80GB-HBM3", with "-SHARED" appended under time-slicing and "-MIG-..." under the
 * single MIG strategy), {@code nvidia.com/gpu.memory} in MiB and {@code nvidia.com/gpu.count}. The
 * AMD node labeller publishes {@code amd.com/gpu.product-name}, {@code amd.com/gpu.device-id} and a
 * rounded {@code amd.com/gpu.vram} ("192G"), older versions under {@code beta.amd.com/...}, some
 * with the value in the key ({@code beta.amd.com/gpu.vram.16G=1}). AMD labels carry no count; it
 * comes from the node's {@code amd.com/gpu} capacity, or from {@code
 * beta.amd.com/gpu.device-id.<id>=<count>}.
 */
public final class GpuLabelParser {

  static final String NVIDIA_PRODUCT = "nvidia.com/gpu.product";
  static final String NVIDIA_MEMORY = "nvidia.com/gpu.memory";
  static final String NVIDIA_COUNT = "nvidia.com/gpu.count";
  static final String AMD_PRODUCT = "amd.com/gpu.product-name";
  static final String AMD_DEVICE = "amd.com/gpu.device-id";
  static final String AMD_VRAM = "amd.com/gpu.vram";
  private static final String BETA = "beta.";
  private static final Pattern VRAM =
      Pattern.compile("(\\d+)\\s*([GM])I?B?", Pattern.CASE_INSENSITIVE);

  private GpuLabelParser() {}

  /** Reads the GPUs from labels alone. */
  public static Optional<DiscoveredGpu> parse(Map<String, String> labels) {
    return parse(labels, null);
  }

  /**
   * Reads the GPUs from labels; {@code capacity} is the node's {@code nvidia.com/gpu} or {@code
   * amd.com/gpu} capacity when the caller has it (null otherwise). Empty when no GPU label exists.
   */
  public static Optional<DiscoveredGpu> parse(Map<String, String> labels, Integer capacity) {
    if (labels.containsKey(NVIDIA_PRODUCT) || labels.containsKey(NVIDIA_MEMORY)) {
      return Optional.of(nvidia(labels, capacity));
    }
    if (amdLabel(labels, AMD_PRODUCT) != null
        || amdLabel(labels, AMD_DEVICE) != null
        || amdVram(labels) > 0) {
      return Optional.of(amd(labels, capacity));
    }
    return Optional.empty();
  }

  private static DiscoveredGpu nvidia(Map<String, String> labels, Integer capacity) {
    String product = labels.getOrDefault(NVIDIA_PRODUCT, "unknown-nvidia-gpu");
    String base =
        product.endsWith("-SHARED") ? product.substring(0, product.length() - 7) : product;
    // A MIG slice is not the whole GPU: never match it to a catalog profile.
    Optional<GpuProfile> profile =
        base.contains("-MIG-") ? Optional.empty() : GpuCatalog.find(base);
    long labelled = parseLong(labels.get(NVIDIA_MEMORY)) * GpuProfile.MIB;
    long memory = labelled > 0 ? labelled : profile.map(GpuProfile::memoryBytes).orElse(0L);
    // Time-slicing multiplies the node capacity by its replicas; the label counts physical GPUs.
    long labelledCount = parseLong(labels.get(NVIDIA_COUNT));
    int count = labelledCount > 0 ? (int) labelledCount : count(0, capacity);
    return new DiscoveredGpu(GpuVendor.NVIDIA, product, memory, count, profile);
  }

  private static DiscoveredGpu amd(Map<String, String> labels, Integer capacity) {
    String product = amdLabel(labels, AMD_PRODUCT);
    String device = amdLabel(labels, AMD_DEVICE);
    Optional<GpuProfile> profile = product == null ? Optional.empty() : GpuCatalog.find(product);
    if (profile.isEmpty() && device != null) {
      profile = GpuCatalog.find(device);
    }
    long memory = profile.map(GpuProfile::memoryBytes).orElse(amdVram(labels));
    int count = count(deviceCount(labels, device), capacity);
    String name = product != null ? product : profile.map(GpuProfile::id).orElse("amd-" + device);
    return new DiscoveredGpu(GpuVendor.AMD, name, memory, count, profile);
  }

  private static String amdLabel(Map<String, String> labels, String key) {
    String value = labels.get(key);
    return value != null ? value : labels.get(BETA + key);
  }

  /** Rounded VRAM of one AMD GPU in bytes, 0 when absent ("64G" is 64 GiB). */
  static long amdVram(Map<String, String> labels) {
    String value = amdLabel(labels, AMD_VRAM);
    if (value == null) {
      for (String key : labels.keySet()) {
        if (key.startsWith(BETA + AMD_VRAM + ".")) {
          value = key.substring((BETA + AMD_VRAM + ".").length());
        }
      }
    }
    if (value == null) {
      return 0;
    }
    Matcher m = VRAM.matcher(value.trim());
    if (!m.matches()) {
      return 0;
    }
    long amount = Long.parseLong(m.group(1));
    return "G".equals(m.group(2).toUpperCase(Locale.ROOT)) ? amount << 30 : amount << 20;
  }

  private static long deviceCount(Map<String, String> labels, String device) {
    return device == null ? 0 : parseLong(labels.get(BETA + AMD_DEVICE + "." + device));
  }

  private static int count(long labelled, Integer capacity) {
    if (capacity != null && capacity > 0) {
      return capacity;
    }
    return labelled > 0 ? (int) labelled : 1;
  }

  private static long parseLong(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
