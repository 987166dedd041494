package dev.modelmanager.discovery.api;

import dev.modelmanager.discovery.domain.gpu.GpuPools;
import dev.modelmanager.discovery.domain.gpu.GpuProfile;
import dev.modelmanager.discovery.domain.gpu.GpuReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A node agent's report as stored: the node's latest until it expires. */
@Schema(name = "GpuReport")
public record GpuReportView(
    @Schema(example = "gpu-node-17") String node,
    List<Gpu> gpus,
    Map<String, String> labels,
    @Schema(description = "When the service received it (RFC 3339)") String reportedAt,
    @Schema(description = "When it drops out of the inventory unless the agent reports again")
        String expiresAt) {

  /** One kind of GPU on the node. */
  @Schema(name = "GpuReportEntry")
  public record Gpu(
      String product,
      long memoryBytes,
      int count,
      @Schema(nullable = true) Integer used,
      @Schema(description = "GPU catalog profile id when known", nullable = true) String profile) {}

  static GpuReportView of(GpuReport report, Duration ttl) {
    List<Gpu> gpus =
        report.gpus().stream()
            .map(
                g ->
                    new Gpu(
                        g.product(),
                        g.memoryBytes(),
                        g.count(),
                        g.used(),
                        GpuPools.profileOf(g.product(), g.memoryBytes())
                            .map(GpuProfile::id)
                            .orElse(null)))
            .toList();
    return new GpuReportView(
        report.node(),
        gpus,
        report.labels(),
        report.reportedAt().toString(),
        report.reportedAt().plus(ttl).toString());
  }
}
