package dev.modelmanager.deploy.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.deploy.client.InferenceServiceCluster;
import dev.modelmanager.deploy.config.DeployConfig;
import dev.modelmanager.deploy.domain.Revision;
import dev.modelmanager.deploy.domain.RevisionState;
import dev.modelmanager.deploy.domain.RolloutEvaluator;
import dev.modelmanager.deploy.domain.Verdict;
import dev.modelmanager.deploy.store.RevisionStore;
import dev.modelmanager.kit.store.Blocking;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Follows every revision in flight until it is READY or FAILED, and is the reconciler too: it runs
 * right after start-up and then on a timer over whatever the store says is in flight, so a revision
 * left PENDING or PROGRESSING by a crash is applied or settled by the next replica up.
 */
@ApplicationScoped
public class RolloutWatcher {
  private static final Logger LOG = Logger.getLogger(RolloutWatcher.class);

  private final RevisionStore store;
  private final InferenceServiceCluster cluster;
  private final RevisionRecorder recorder;
  private final DeploymentLocks locks;
  private final DeploymentService deployments;
  private final DeployConfig.Rollout config;
  private final HealthWatcher health;

  RolloutWatcher(
      RevisionStore store,
      InferenceServiceCluster cluster,
      RevisionRecorder recorder,
      DeploymentLocks locks,
      DeploymentService deployments,
      DeployConfig config,
      DeployMetrics metrics) {
    this.store = store;
    this.cluster = cluster;
    this.recorder = recorder;
    this.locks = locks;
    this.deployments = deployments;
    this.config = config.rollout();
    this.health = new HealthWatcher(store, cluster, recorder, metrics);
  }

  @Scheduled(
      every = "${mm.deploy.rollout.poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    if (!cluster.enabled()) {
      return;
    }
    try {
      reconcile();
      health.check();
    } catch (RuntimeException e) {
      LOG.warnf("rollout check failed: %s", e.getMessage());
    }
  }

  /** Advances every revision in flight by one step. */
  public void reconcile() {
    for (Revision r : Blocking.await(store::inFlight)) {
      locks.ifFree(r.deployment(), () -> advance(r.deployment(), r.number()));
    }
  }

  private void advance(String deployment, int number) {
    Optional<Revision> fresh = Blocking.await(() -> store.find(deployment, number));
    if (fresh.isEmpty() || !fresh.get().state().inFlight()) {
      return;
    }
    Revision r = fresh.get();
    if (r.state() == RevisionState.PENDING) {
      // Only a crash between recording and applying leaves one here: the lock is free again.
      LOG.infof("re-applying revision %d of %s left PENDING", number, deployment);
      deployments.apply(r);
      return;
    }
    Optional<ObjectNode> isvc = cluster.get(deployment);
    List<Pod> pods = cluster.pods(deployment);
    List<Event> events = cluster.events();
    Verdict verdict =
        RolloutEvaluator.evaluate(
            number,
            r.reached(RevisionState.APPLIED),
            isvc.orElse(null),
            pods,
            events,
            Instant.now(),
            config.readinessTimeout(),
            pod -> cluster.logTail(pod, "kserve-container", config.logLines()));
    if (verdict.state() == r.state() || verdict.state() == RevisionState.APPLIED) {
      return;
    }
    recorder.move(r, verdict.state(), verdict.reason());
    if (verdict.state() == RevisionState.FAILED && r.autoRollback()) {
      rollBack(r, verdict.reason());
    }
  }

  private void rollBack(Revision failed, String why) {
    try {
      deployments.rollbackLocked(
          failed.deployment(),
          null,
          "Automatic rollback: revision " + failed.number() + " failed: " + why,
          DeploymentService.SYSTEM_ACTOR,
          true);
    } catch (RuntimeException e) {
      LOG.warnf(
          "automatic rollback of %s after revision %d failed: %s",
          failed.deployment(), failed.number(), e.getMessage());
    }
  }
}
