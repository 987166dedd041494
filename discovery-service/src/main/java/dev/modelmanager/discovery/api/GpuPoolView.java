package dev.modelmanager.discovery.api;

import dev.modelmanager.discovery.domain.gpu.GpuPool;
import dev.modelmanager.discovery.domain.gpu.GpuProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One GPU pool: GPUs of one product and memory size with the same count per node, per source. */
@Schema(name = "GpuPool")
public record GpuPoolView(
    @Schema(
            description =
                "Stable id: the profile id for static pools, else"
                    + " <profile or product slug>-<countPerNode>x-<source>",
            example = "H100-80GB-SXM-8x-kubernetes")
        String name,
    @Schema(example = "NVIDIA-H100-80GB-HBM3") String product,
    @Schema(enumeration = {"nvidia", "amd"}) String vendor,
    @Schema(description = "Memory of one GPU", example = "85520809984") long memoryBytes,
    @Schema(example = "8") int countPerNode,
    @Schema(description = "Nodes in the pool; null for static pools", nullable = true)
        Integer nodes,
    @Schema(description = "GPUs the scheduler may hand out; null for static pools", nullable = true)
        Integer allocatable,
    @Schema(
            description = "GPUs held by non-terminated pods (or reported in use by the agent)",
            nullable = true)
        Integer used,
    @Schema(enumeration = {"kubernetes", "agent", "static"}) String source,
    @Schema(description = "When the pool's oldest node was seen (RFC 3339)") String observedAt,
    @Schema(description = "Seconds since observedAt") long ageSeconds,
    @Schema(description = "GPU catalog profile id when the product is known", nullable = true)
        String profile) {

  static GpuPoolView of(GpuPool p, Instant now) {
    return new GpuPoolView(
        p.name(),
        p.product(),
        p.vendor().name().toLowerCase(Locale.ROOT),
        p.memoryBytes(),
        p.countPerNode(),
        p.nodes(),
        p.allocatable(),
        p.used(),
        p.source().id(),
        p.observedAt().toString(),
        Math.max(0, Duration.between(p.observedAt(), now).toSeconds()),
        p.profile().map(GpuProfile::id).orElse(null));
  }
}
