package dev.modelmanager.weights.hubcache;

import dev.modelmanager.weights.domain.StorageThresholds;
import dev.modelmanager.weights.domain.StorageThresholds.Level;
import dev.modelmanager.weights.hubcache.StorageLocations.StorageLocation;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Storage gauges per location and the level each location was last seen at. */
@ApplicationScoped
public class StorageMonitor {
  private final StorageLocations locations;
  private final Map<String, Level> levels = new ConcurrentHashMap<>();

  StorageMonitor(StorageLocations locations, MeterRegistry metrics) {
    this.locations = locations;
    for (StorageLocation l : locations.all()) {
      Gauge.builder("mm_weights_storage_used_bytes", () -> locations.usage(l).usedBytes())
          .description("Bytes used on the volume of a storage location")
          .tag("location", l.name())
          .register(metrics);
      Gauge.builder("mm_weights_storage_capacity_bytes", () -> locations.usage(l).capacityBytes())
          .description("Capacity of the volume of a storage location")
          .tag("location", l.name())
          .register(metrics);
    }
  }

  /** A location whose level changed since the last check. */
  public record Crossing(
      StorageLocation location, Level previous, Level level, StorageLocations.Usage usage) {}

  /**
   * Checks every location; answers those whose level changed (the first check counts as OK before).
   */
  public java.util.List<Crossing> check() {
    java.util.List<Crossing> out = new java.util.ArrayList<>();
    for (StorageLocation l : locations.all()) {
      StorageLocations.Usage u = locations.usage(l);
      Level level =
          StorageThresholds.level(
              u.usedBytes(), u.capacityBytes(), l.warnPercent(), l.criticalPercent());
      Level previous = levels.put(l.name(), level);
      Level before = previous == null ? Level.OK : previous;
      if (before != level) {
        out.add(new Crossing(l, before, level, u));
      }
    }
    return out;
  }
}
