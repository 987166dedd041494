package dev.modelmanager.deploy.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.deploy.client.InferenceServiceCluster;
import dev.modelmanager.deploy.domain.Drift;
import dev.modelmanager.deploy.domain.LiveState;
import dev.modelmanager.deploy.domain.ManifestText;
import dev.modelmanager.deploy.domain.Revision;
import dev.modelmanager.deploy.domain.RevisionState;
import dev.modelmanager.deploy.store.RevisionStore;
import dev.modelmanager.kit.store.Blocking;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the live health of every deployment whose newest revision is READY and serving, and
 * records a {@code deploy.deployment.health-changed} event when it moves (a pod crashing after the
 * rollout, the InferenceService deleted behind our back). The last health seen is kept in memory:
 * after a restart the first observation is the baseline. It is the drift detector too: a live
 * InferenceService whose fields no longer match what its revision applied (see {@link Drift}) is a
 * {@code deploy.drift.detected} event, once per revision and set of fields.
 */
class HealthWatcher {
  private static final int PAGE = 200;

  private final RevisionStore store;
  private final InferenceServiceCluster cluster;
  private final RevisionRecorder recorder;
  private final DeployMetrics metrics;
  private final Map<String, String> lastSeen = new ConcurrentHashMap<>();
  private final Map<String, String> lastDrift = new ConcurrentHashMap<>();

  HealthWatcher(
      RevisionStore store,
      InferenceServiceCluster cluster,
      RevisionRecorder recorder,
      DeployMetrics metrics) {
    this.store = store;
    this.cluster = cluster;
    this.recorder = recorder;
    this.metrics = metrics;
  }

  void check() {
    Map<String, ObjectNode> live = cluster.all();
    String after = null;
    List<String> names;
    do {
      String cursor = after;
      names = Blocking.await(() -> store.deployments(cursor, PAGE));
      for (String name : names) {
        Optional<Revision> latest = Blocking.await(() -> store.latest(name));
        latest
            .filter(r -> r.state() == RevisionState.READY && r.serves())
            .ifPresent(r -> observe(r, live.get(name)));
        after = name;
      }
    } while (names.size() == PAGE);
  }

  private void observe(Revision active, ObjectNode isvc) {
    detectDrift(active, isvc);
    LiveState state = LiveState.of(isvc, List.of());
    String health = state.health();
    String previous = lastSeen.put(active.deployment(), health);
    if (previous != null && !previous.equals(health)) {
      String reason =
          state.conditions().stream()
              .filter(c -> "Ready".equals(c.type()))
              .map(c -> c.message() != null ? c.message() : c.reason())
              .findFirst()
              .orElse(null);
      recorder.healthChanged(active, health, previous, "Ready".equals(health) ? null : reason);
    }
  }

  private void detectDrift(Revision active, ObjectNode isvc) {
    if (isvc == null || active.manifest() == null) {
      lastDrift.remove(active.deployment());
      return;
    }
    List<String> fields = Drift.between(ManifestText.parse(active.manifest()), isvc);
    if (fields.isEmpty()) {
      lastDrift.remove(active.deployment());
      return;
    }
    String signature = active.number() + " " + fields;
    if (!signature.equals(lastDrift.put(active.deployment(), signature))) {
      recorder.driftDetected(active, fields);
      metrics.driftDetected();
    }
  }
}
