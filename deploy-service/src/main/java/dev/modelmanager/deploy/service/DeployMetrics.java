package dev.modelmanager.deploy.service;

import dev.modelmanager.deploy.domain.Revision;
import dev.modelmanager.deploy.domain.RevisionState;
import dev.modelmanager.deploy.store.RevisionStore;
import dev.modelmanager.kit.metrics.StateGauges;
import dev.modelmanager.kit.store.Blocking;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * deploy-service's metrics: {@code mm_deploy_deployments{state}} (deployments by the state of their
 * newest revision, read every 30 s), {@code mm_deploy_validation_failures_total{check}} (failed
 * pre-flight checks; the GPU compatibility checks are labelled {@code gpu_*}) and {@code
 * mm_deploy_drift_detected_total} (live InferenceServices found differing from their revision).
 */
// Created at start-up, so its meters are exported (at 0) before the first use.
@io.quarkus.runtime.Startup
@ApplicationScoped
public class DeployMetrics {
  private static final Logger LOG = Logger.getLogger(DeployMetrics.class);
  private static final int PAGE = 200;
  private static final List<String> CHECKS =
      List.of(
          "server-dry-run", "weights-staged", "gpu-capacity", "pvc", "secret", "configmap", "fit");

  private final RevisionStore store;
  private final MeterRegistry registry;
  private final StateGauges<RevisionState> byState;

  DeployMetrics(RevisionStore store, MeterRegistry registry) {
    this.store = store;
    this.registry = registry;
    this.byState =
        new StateGauges<>(
            registry,
            "mm_deploy_deployments",
            "Deployments by the state of their newest revision",
            RevisionState.class);
    // Every check's counter exists from the start (at 0), so increase() sees its first failure.
    for (String check : CHECKS) {
      registry.counter("mm_deploy_validation_failures_total", "check", label(check));
    }
  }

  @Scheduled(
      every = "30s",
      delayed = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      countDeployments();
    } catch (RuntimeException e) {
      LOG.warnf("counting deployments failed: %s", e.toString());
    }
  }

  /** Reads {@code mm_deploy_deployments} from the store now. */
  public void countDeployments() {
    Map<RevisionState, Long> counts = new EnumMap<>(RevisionState.class);
    String after = null;
    List<String> names;
    do {
      String cursor = after;
      names = Blocking.await(() -> store.deployments(cursor, PAGE));
      for (String name : names) {
        Optional<Revision> latest = Blocking.await(() -> store.latest(name));
        latest.ifPresent(r -> counts.merge(r.state(), 1L, Long::sum));
        after = name;
      }
    } while (names.size() == PAGE);
    byState.set(counts);
  }

  /** Counts the failed checks of a dry-run. */
  void checked(List<Check> checks) {
    for (Check c : checks) {
      if (c.status() == Check.Status.FAIL) {
        registry
            .counter("mm_deploy_validation_failures_total", "check", label(c.name()))
            .increment();
      }
    }
  }

  void driftDetected() {
    registry.counter("mm_deploy_drift_detected_total").increment();
  }

  /**
   * The metric label of a check: its name in snake case, with the model-fits-the-GPU check ({@code
   * fit}) named {@code gpu_fit} so that {@code check=~"gpu.*"} selects every GPU compatibility
   * check.
   */
  static String label(String check) {
    String name = "fit".equals(check) ? "gpu-fit" : check;
    return name.toLowerCase(Locale.ROOT).replace('-', '_');
  }
}
