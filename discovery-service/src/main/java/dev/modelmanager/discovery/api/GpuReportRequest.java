package dev.modelmanager.discovery.api;

import dev.modelmanager.discovery.domain.gpu.GpuProfile;
import dev.modelmanager.discovery.store.GpuReport;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.model.problem.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a node agent posts: the GPUs of its node. Validated by {@link #toReport}. */
@Schema(name = "GpuReportRequest")
public record GpuReportRequest(
    @Schema(
            description = "Kubernetes node name: a DNS-1123 subdomain of at most 253 characters",
            example = "gpu-node-17",
            required = true)
        String node,
    @Schema(description = "1 to 16 kinds of GPU", required = true) List<Gpu> gpus,
    @Schema(description = "The node's labels, passed along (at most 256)", nullable = true)
        Map<String, String> labels) {

  static final int MAX_GPU_KINDS = 16;
  static final int MAX_COUNT = 64;
  static final int MAX_LABELS = 256;
  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  // No GPU comes close; the cap keeps MiB-to-bytes arithmetic far from overflowing.
  private static final long MAX_MEMORY_BYTES = 1L << 44;

  /** One kind of GPU: give the memory of one GPU as memoryMiB (nvidia-smi) or memoryBytes. */
  @Schema(name = "GpuReportRequestEntry")
  public record Gpu(
      @Schema(example = "NVIDIA H100 80GB HBM3", required = true) String product,
      @Schema(description = "Memory of one GPU in MiB", example = "81559") Long memoryMiB,
      @Schema(description = "Memory of one GPU in bytes (instead of memoryMiB)") Long memoryBytes,
      @Schema(description = "GPUs of this kind on the node, 1 to 64", required = true)
          Integer count,
      @Schema(description = "GPUs in use, 0 to count", nullable = true) Integer used) {

    long bytes() {
      return memoryBytes != null ? memoryBytes : memoryMiB * GpuProfile.MIB;
    }
  }

  /** The report to store, received now; a validation problem listing every bad field otherwise. */
  public GpuReport toReport(Instant receivedAt) {
    List<Problem.FieldError> errors = new ArrayList<>();
    checkNode(errors);
    checkGpus(errors);
    checkLabels(errors);
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    List<GpuReport.Gpu> reported =
        gpus.stream()
            .map(g -> new GpuReport.Gpu(g.product().strip(), g.bytes(), g.count(), g.used()))
            .toList();
    return new GpuReport(node, reported, labels == null ? Map.of() : labels, receivedAt);
  }

  private void checkNode(List<Problem.FieldError> errors) {
    if (node == null || node.isEmpty()) {
      errors.add(new Problem.FieldError("node", "is required"));
    } else if (node.length() > 253) {
      errors.add(new Problem.FieldError("node", "must be at most 253 characters"));
    } else if (!DNS_1123_SUBDOMAIN.matcher(node).matches()) {
      errors.add(
          new Problem.FieldError(
              "node", "must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')"));
    }
  }

  private void checkGpus(List<Problem.FieldError> errors) {
    if (gpus == null || gpus.isEmpty()) {
      errors.add(new Problem.FieldError("gpus", "must list at least one GPU"));
      return;
    }
    if (gpus.size() > MAX_GPU_KINDS) {
      errors.add(new Problem.FieldError("gpus", "must list at most " + MAX_GPU_KINDS + " entries"));
      return;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < gpus.size(); i++) {
      String field = "gpus[" + i + "]";
      Gpu gpu = gpus.get(i);
      if (gpu == null) {
        errors.add(new Problem.FieldError(field, "is required"));
        continue;
      }
      int before = errors.size();
      checkGpu(field, gpu, errors);
      Integer first = errors.size() == before ? seen.putIfAbsent(kind(gpu), i) : null;
      if (first != null) {
        errors.add(new Problem.FieldError(field, "repeats gpus[" + first + "]"));
      }
    }
  }

  private static String kind(Gpu gpu) {
    return gpu.product().strip() + "|" + gpu.bytes();
  }

  private static void checkGpu(String field, Gpu gpu, List<Problem.FieldError> errors) {
    if (gpu.product() == null || gpu.product().isBlank()) {
      errors.add(new Problem.FieldError(field + ".product", "is required"));
    } else if (gpu.product().length() > 128) {
      errors.add(new Problem.FieldError(field + ".product", "must be at most 128 characters"));
    }
    checkMemory(field, gpu, errors);
    if (gpu.count() == null || gpu.count() < 1 || gpu.count() > MAX_COUNT) {
      errors.add(new Problem.FieldError(field + ".count", "must be between 1 and " + MAX_COUNT));
    } else if (gpu.used() != null && (gpu.used() < 0 || gpu.used() > gpu.count())) {
      errors.add(new Problem.FieldError(field + ".used", "must be between 0 and count"));
    }
  }

  private static void checkMemory(String field, Gpu gpu, List<Problem.FieldError> errors) {
    Long mib = gpu.memoryMiB();
    Long bytes = gpu.memoryBytes();
    if (mib == null && bytes == null) {
      errors.add(
          new Problem.FieldError(field + ".memoryMiB", "memoryMiB or memoryBytes is required"));
    } else if (mib != null && (mib <= 0 || mib > MAX_MEMORY_BYTES / GpuProfile.MIB)) {
      errors.add(new Problem.FieldError(field + ".memoryMiB", "must be between 1 and 16 TiB"));
    } else if (bytes != null && (bytes <= 0 || bytes > MAX_MEMORY_BYTES)) {
      errors.add(new Problem.FieldError(field + ".memoryBytes", "must be between 1 and 16 TiB"));
    } else if (mib != null && bytes != null && mib * GpuProfile.MIB != bytes) {
      errors.add(new Problem.FieldError(field + ".memoryBytes", "disagrees with memoryMiB"));
    }
  }

  private void checkLabels(List<Problem.FieldError> errors) {
    if (labels == null) {
      return;
    }
    if (labels.size() > MAX_LABELS) {
      errors.add(new Problem.FieldError("labels", "must hold at most " + MAX_LABELS + " labels"));
      return;
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      // Kubernetes limits: a 253-character prefix, '/', a 63-character name; values up to 63.
      String key = label.getKey();
      if (key.isEmpty() || key.length() > 317) {
        errors.add(new Problem.FieldError("labels", "a label key must be 1 to 317 characters"));
      } else if (label.getValue() == null || label.getValue().length() > 63) {
        errors.add(
            new Problem.FieldError("labels." + key, "must be a string of at most 63 characters"));
      }
    }
  }

  private static ProblemException invalid(List<Problem.FieldError> errors) {
    ProblemType t = ProblemType.VALIDATION;
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid";
    return new ProblemException(
        new Problem(t.uri(), t.title(), t.status(), detail, null, null, List.copyOf(errors)));
  }
}
