package dev.modelmanager.weights.service;

import dev.modelmanager.kit.metrics.StateGauges;
import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.weights.domain.InstallState;
import dev.modelmanager.weights.events.WeightsEvents;
import dev.modelmanager.weights.hubcache.StorageMonitor;
import dev.modelmanager.weights.store.InstallJobStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Every 30 s: a {@code weights.storage.threshold} event for each location that crossed its
 * warn/critical level (either way), the {@code mm_weights_installs{state}} gauges and {@code
 * mm_weights_queue_oldest_age_seconds} (how long the oldest unclaimed QUEUED job has waited).
 */
@ApplicationScoped
public class ThresholdAlerts {
  private static final Logger LOG = Logger.getLogger(ThresholdAlerts.class);

  private final StorageMonitor monitor;
  private final Transactor tx;
  private final WeightsEvents events;
  private final InstallJobStore jobs;
  private final StateGauges<InstallState> byState;
  private volatile java.time.Instant oldestQueued;

  ThresholdAlerts(
      StorageMonitor monitor,
      Transactor tx,
      WeightsEvents events,
      InstallJobStore jobs,
      MeterRegistry metrics) {
    this.monitor = monitor;
    this.tx = tx;
    this.events = events;
    this.jobs = jobs;
    this.byState =
        new StateGauges<>(
            metrics, "mm_weights_installs", "Install jobs by state", InstallState.class);
    Gauge.builder("mm_weights_queue_oldest_age_seconds", this, ThresholdAlerts::oldestQueuedAge)
        .description("Seconds the oldest install waiting for a runner has been queued (0: none)")
        .register(metrics);
  }

  private double oldestQueuedAge() {
    java.time.Instant since = oldestQueued;
    return since == null
        ? 0
        : Math.max(0, java.time.Duration.between(since, java.time.Instant.now()).toMillis() / 1e3);
  }

  @Scheduled(
      every = "30s",
      delayed = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      check();
      countInstalls();
    } catch (RuntimeException e) {
      LOG.warnf("storage check failed: %s", e.toString());
    }
  }

  /** Emits an event per crossing; answers how many went out. */
  public int check() {
    int sent = 0;
    for (StorageMonitor.Crossing c : monitor.check()) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("location", c.location().name());
      data.put("pvcName", c.location().pvcName().orElse(null));
      data.put("level", c.level().name());
      data.put("previousLevel", c.previous().name());
      data.put("usedBytes", c.usage().usedBytes());
      data.put("capacityBytes", c.usage().capacityBytes());
      data.put("freeBytes", c.usage().freeBytes());
      data.put("warnPercent", c.location().warnPercent());
      data.put("criticalPercent", c.location().criticalPercent());
      Blocking.await(
          () ->
              tx.inTransaction(
                  () ->
                      events.emit(
                          EventTypes.WEIGHTS_STORAGE_THRESHOLD,
                          "location",
                          c.location().name(),
                          data)));
      LOG.infof("storage location %s is now %s", c.location().name(), c.level());
      sent++;
    }
    return sent;
  }

  /** Reads the install gauges from the job store now (the schedule does it every 30 s). */
  public void countInstalls() {
    oldestQueued = Blocking.await(jobs::oldestQueuedSince).orElse(null);
    Map<InstallState, Long> counts = new EnumMap<>(InstallState.class);
    Blocking.await(jobs::countByState).forEach((state, n) -> counts.merge(state, n, Long::sum));
    byState.set(counts);
  }
}
