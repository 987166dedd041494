package dev.modelmanager.discovery.api;

import dev.modelmanager.discovery.domain.gpu.GpuProfile;
import dev.modelmanager.discovery.domain.gpu.GpuReport;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a node agent posts: the GPUs of its node. */
@Schema(name = "GpuReportRequest")
@ReportValidation.DistinctGpus
public record GpuReportRequest(
    @Schema(
            description = "Kubernetes node name: a DNS-1123 subdomain of at most 253 characters",
            example = "gpu-node-17",
            required = true)
        @NotEmpty(message = "is required")
        @Size(max = 253, message = "must be at most 253 characters")
        @Pattern(
            regexp = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
            message = "must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')")
        String node,
    @Schema(description = "1 to 16 kinds of GPU", required = true)
        @NotEmpty(message = "must list at least one GPU")
        @Size(max = MAX_GPU_KINDS, message = "must list at most 16 entries")
        List<@NotNull(message = "is required") @Valid Gpu> gpus,
    @Schema(description = "The node's labels, passed along (at most 256)", nullable = true)
        @ReportValidation.KubernetesLabels
        Map<String, String> labels) {

  static final int MAX_GPU_KINDS = 16;
  static final int MAX_COUNT = 64;
  // No GPU comes close; the cap keeps MiB-to-bytes arithmetic far from overflowing.
  static final long MAX_MEMORY_BYTES = 1L << 44;
  static final long MAX_MEMORY_MIB = MAX_MEMORY_BYTES / GpuProfile.MIB;

  /** One kind of GPU: give the memory of one GPU as memoryMiB (nvidia-smi) or memoryBytes. */
  @Schema(name = "GpuReportRequestEntry")
  @ReportValidation.GpuMemory
  @ReportValidation.UsedWithinCount
  public record Gpu(
      @Schema(example = "NVIDIA H100 80GB HBM3", required = true)
          @NotBlank(message = "is required")
          @Size(max = 128, message = "must be at most 128 characters")
          String product,
      @Schema(description = "Memory of one GPU in MiB", example = "81559")
          @Positive(message = "must be between 1 and 16 TiB")
          @Max(value = MAX_MEMORY_MIB, message = "must be between 1 and 16 TiB")
          Long memoryMiB,
      @Schema(description = "Memory of one GPU in bytes (instead of memoryMiB)")
          @Positive(message = "must be between 1 and 16 TiB")
          @Max(value = MAX_MEMORY_BYTES, message = "must be between 1 and 16 TiB")
          Long memoryBytes,
      @Schema(description = "GPUs of this kind on the node, 1 to 64", required = true)
          @NotNull(message = "must be between 1 and 64")
          @Min(value = 1, message = "must be between 1 and 64")
          @Max(value = MAX_COUNT, message = "must be between 1 and 64")
          Integer count,
      @Schema(description = "GPUs in use, 0 to count", nullable = true)
          @Min(value = 0, message = "must be between 0 and count")
          Integer used) {

    long bytes() {
      return memoryBytes != null ? memoryBytes : memoryMiB * GpuProfile.MIB;
    }

    /** Product and memory: what makes two entries the same kind of GPU. */
    String kind() {
      return product.strip() + "|" + bytes();
    }
  }

  /** The report to store, received now (the request has been validated). */
  GpuReport toReport(Instant receivedAt) {
    List<GpuReport.Gpu> reported =
        gpus.stream()
            .map(g -> new GpuReport.Gpu(g.product().strip(), g.bytes(), g.count(), g.used()))
            .toList();
    return new GpuReport(node, reported, labels == null ? Map.of() : labels, receivedAt);
  }
}
