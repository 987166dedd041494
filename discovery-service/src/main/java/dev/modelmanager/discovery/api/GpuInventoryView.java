package dev.modelmanager.discovery.api;

import dev.modelmanager.discovery.service.GpuInventory;
import dev.modelmanager.discovery.service.GpuSourceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The GPU inventory: every pool, and how each source fared when it was made. */
@Schema(name = "GpuInventory")
public record GpuInventoryView(
    @Schema(description = "Pools by memory per GPU (largest first), then name")
        List<GpuPoolView> items,
    @Schema(description = "One entry per source: kubernetes, agent, static") List<Source> sources,
    @Schema(description = "When the sources were asked (RFC 3339); the inventory is cached")
        String generatedAt) {

  /** How one source fared. */
  @Schema(name = "GpuInventorySource")
  public record Source(
      @Schema(enumeration = {"kubernetes", "agent", "static"}) String source,
      @Schema(enumeration = {"ok", "disabled", "failed"}) String status,
      @Schema(description = "Pools it contributed") int pools,
      @Schema(description = "Why it is disabled or failed, or a note", nullable = true)
          String detail,
      String checkedAt) {

    static Source of(GpuSourceStatus s) {
      return new Source(
          s.source().id(),
          s.state().name().toLowerCase(Locale.ROOT),
          s.pools(),
          s.detail(),
          s.checkedAt().toString());
    }
  }

  static GpuInventoryView of(GpuInventory inventory, Instant now) {
    return new GpuInventoryView(
        inventory.pools().stream().map(p -> GpuPoolView.of(p, now)).toList(),
        inventory.sources().stream().map(Source::of).toList(),
        inventory.assembledAt().toString());
  }
}
