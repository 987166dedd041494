package dev.modelmanager.weights.service;

import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.weights.config.WeightsConfig;
import dev.modelmanager.weights.domain.InstalledSnapshot;
import dev.modelmanager.weights.domain.PurgeOrder;
import dev.modelmanager.weights.domain.PurgeOutcome;
import dev.modelmanager.weights.domain.PurgePolicy;
import dev.modelmanager.weights.events.WeightsEvents;
import dev.modelmanager.weights.hubcache.StorageLocations;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The stale-weights reconciliation, every {@code mm.weights.stale.interval}: per location, the
 * snapshots not accessed for {@code mm.weights.stale.max-age-days} and not in use (the {@code age}
 * purge policy as a dry run), published as {@code mm_weights_stale_snapshots{location}} and {@code
 * mm_weights_stale_bytes{location}} and, when the set changes, as a {@code weights.stale.reported}
 * event. Only with {@code mm.weights.stale.auto-purge=true} are they deleted.
 */
@ApplicationScoped
public class StaleWeightsReport {
  private static final Logger LOG = Logger.getLogger(StaleWeightsReport.class);

  private final InventoryService inventory;
  private final StorageLocations locations;
  private final WeightsConfig.Stale config;
  private final Transactor tx;
  private final WeightsEvents events;
  private final Map<String, AtomicLong> snapshots = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> bytes = new ConcurrentHashMap<>();
  private final Map<String, List<String>> lastReported = new ConcurrentHashMap<>();

  StaleWeightsReport(
      InventoryService inventory,
      StorageLocations locations,
      WeightsConfig config,
      Transactor tx,
      WeightsEvents events,
      MeterRegistry metrics) {
    this.inventory = inventory;
    this.locations = locations;
    this.config = config.stale();
    this.tx = tx;
    this.events = events;
    for (StorageLocations.StorageLocation l : locations.all()) {
      AtomicLong n = new AtomicLong();
      AtomicLong b = new AtomicLong();
      snapshots.put(l.name(), n);
      bytes.put(l.name(), b);
      Gauge.builder("mm_weights_stale_snapshots", n, AtomicLong::get)
          .description("Snapshots not accessed for the configured days and not in use")
          .tag("location", l.name())
          .register(metrics);
      Gauge.builder("mm_weights_stale_bytes", b, AtomicLong::get)
          .description("Bytes a purge of the stale snapshots would free")
          .baseUnit("bytes")
          .tag("location", l.name())
          .register(metrics);
    }
  }

  @Scheduled(
      every = "${mm.weights.stale.interval:6h}",
      delayed = "${mm.weights.stale.delay:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      report();
    } catch (RuntimeException e) {
      LOG.warnf("stale-weights report failed: %s", e.toString());
    }
  }

  /** Runs the report for every location now; answers the outcome per location. */
  public Map<String, PurgeOutcome> report() {
    Map<String, PurgeOutcome> out = new LinkedHashMap<>();
    for (StorageLocations.StorageLocation l : locations.all()) {
      PurgeOutcome o =
          inventory.purge(
              new PurgeOrder(
                  PurgePolicy.Kind.AGE, config.maxAgeDays(), null, l.name(), !config.autoPurge()));
      out.put(l.name(), o);
      List<String> ids =
          o.snapshots().stream().map(s -> s.snapshot().id().toString()).sorted().toList();
      snapshots.get(l.name()).set(o.dryRun() ? ids.size() : 0);
      bytes.get(l.name()).set(o.dryRun() ? o.bytesFreed() : 0);
      if (!ids.equals(lastReported.getOrDefault(l.name(), List.of()))) {
        lastReported.put(l.name(), ids);
        emit(o);
      }
    }
    return out;
  }

  private void emit(PurgeOutcome o) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("location", o.location());
    data.put("maxAgeDays", config.maxAgeDays());
    data.put("purged", !o.dryRun());
    data.put("bytes", o.bytesFreed());
    data.put(
        "snapshots",
        o.snapshots().stream()
            .map(InstalledSnapshot::snapshot)
            .map(
                s ->
                    Map.of(
                        "id", s.id().toString(),
                        "repo", s.repo(),
                        "commit", s.commit(),
                        "lastAccessedAt", s.lastAccessedAt().toString()))
            .toList());
    Blocking.await(
        () ->
            tx.inTransaction(
                () ->
                    events.emit(
                        EventTypes.WEIGHTS_STALE_REPORTED, "location", o.location(), data)));
  }
}
