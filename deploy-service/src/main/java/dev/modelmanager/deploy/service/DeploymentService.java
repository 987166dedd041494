package dev.modelmanager.deploy.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.deploy.client.InferenceServiceCluster;
import dev.modelmanager.deploy.domain.DeactivateMode;
import dev.modelmanager.deploy.domain.Labels;
import dev.modelmanager.deploy.domain.ManifestDiff;
import dev.modelmanager.deploy.domain.ManifestText;
import dev.modelmanager.deploy.domain.Revision;
import dev.modelmanager.deploy.domain.RevisionAction;
import dev.modelmanager.deploy.domain.RevisionState;
import dev.modelmanager.deploy.domain.RolloutStrategy;
import dev.modelmanager.deploy.store.RevisionStore;
import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.catalog.ApprovedEntry;
import dev.modelmanager.model.catalog.ModelEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Activate, roll back and deactivate: each records a new revision (PENDING), applies it, and leaves
 * the rest of its rollout to {@link RolloutWatcher}. One change in flight per deployment.
 */
@ApplicationScoped
public class DeploymentService {
  static final String SYSTEM_ACTOR = "model-manager";

  private final ManifestPlanner planner;
  private final InferenceServiceCluster cluster;
  private final RevisionStore store;
  private final RevisionRecorder recorder;
  private final DeploymentLocks locks;

  DeploymentService(
      ManifestPlanner planner,
      InferenceServiceCluster cluster,
      RevisionStore store,
      RevisionRecorder recorder,
      DeploymentLocks locks) {
    this.planner = planner;
    this.cluster = cluster;
    this.store = store;
    this.recorder = recorder;
    this.locks = locks;
  }

  /** What a rollback or an activation applied: the revision and the diff to the live object. */
  public record Change(Revision revision, ManifestDiff diff) {}

  /** Puts catalog entry {@code entryId} into service as the deployment's next revision. */
  public Change activate(
      String name,
      String entryId,
      RolloutStrategy strategy,
      String reason,
      boolean autoRollback,
      String actor) {
    requireCluster();
    return locks.exclusive(
        name,
        () -> {
          Optional<Revision> latest = latestSettled(name);
          ApprovedEntry approved = planner.entry(entryId);
          Optional<ObjectNode> live = ClusterProblems.call(() -> cluster.get(name));
          int number = latest.map(r -> r.number() + 1).orElse(1);
          ManifestPlanner.Plan plan = planner.plan(name, number, approved, strategy);
          ManifestDiff diff = ManifestDiff.between(live.orElse(null), plan.manifest());
          ModelEntry e = plan.entry();
          Revision pending =
              pending(name, number, RevisionAction.ACTIVATE, plan.manifest(), diff, actor, reason)
                  .withSource(
                      e.id(),
                      approved.commit(),
                      e.hfModelId(),
                      e.revision(),
                      plan.weightsClaim() == null ? null : e.weights().location(),
                      plan.strategy().kubernetesName(),
                      autoRollback,
                      null,
                      null);
          return new Change(applyNew(pending), diff);
        });
  }

  /**
   * Re-applies the stored manifest of {@code toRevision} (default: the newest revision before the
   * current one that was READY) as a new revision.
   */
  public Change rollback(String name, Integer toRevision, String reason, String actor) {
    requireCluster();
    return locks.exclusive(name, () -> rollbackLocked(name, toRevision, reason, actor, false));
  }

  Change rollbackLocked(
      String name, Integer toRevision, String reason, String actor, boolean auto) {
    Revision current =
        (auto ? Blocking.await(() -> store.latest(name)) : latestSettled(name))
            .orElseThrow(
                () -> ProblemException.notFound("Deployment " + name + " has no revisions"));
    Revision target = rollbackTarget(name, current, toRevision);
    Optional<ObjectNode> live = ClusterProblems.call(() -> cluster.get(name));
    int number = current.number() + 1;
    ObjectNode manifest = relabel(ManifestText.parse(target.manifest()), number);
    ManifestDiff diff = ManifestDiff.between(live.orElse(null), manifest);
    String why = reason != null ? reason : "Roll back to revision " + target.number();
    Revision pending =
        pending(name, number, RevisionAction.ROLLBACK, manifest, diff, actor, why)
            .withSource(
                target.entryId(),
                target.catalogCommit(),
                target.modelRepo(),
                target.modelCommit(),
                target.weightsLocation(),
                target.strategy(),
                false,
                target.number(),
                null);
    return new Change(applyNew(pending), diff);
  }

  /** Takes the deployment out of service by scaling it to zero or deleting it. */
  public Change deactivate(String name, DeactivateMode mode, String reason, String actor) {
    requireCluster();
    return locks.exclusive(
        name,
        () -> {
          Revision current =
              latestSettled(name)
                  .orElseThrow(
                      () -> ProblemException.notFound("Deployment " + name + " has no revisions"));
          if (!current.serves()) {
            throw ProblemException.conflict("Deployment " + name + " is already deactivated");
          }
          Optional<ObjectNode> live = ClusterProblems.call(() -> cluster.get(name));
          ObjectNode manifest =
              mode == DeactivateMode.DELETE
                  ? ManifestText.parse("{}")
                  : scaledToZero(
                      relabel(ManifestText.parse(current.manifest()), current.number() + 1));
          ManifestDiff diff = ManifestDiff.between(live.orElse(null), manifest);
          Revision pending =
              pending(
                      name,
                      current.number() + 1,
                      RevisionAction.DEACTIVATE,
                      manifest,
                      diff,
                      actor,
                      reason)
                  .withSource(
                      current.entryId(),
                      current.catalogCommit(),
                      null,
                      null,
                      null,
                      current.strategy(),
                      false,
                      null,
                      mode);
          Revision recorded = recorder.create(pending);
          try {
            if (mode == DeactivateMode.DELETE) {
              ClusterProblems.call(
                  () -> {
                    cluster.delete(name);
                    return null;
                  });
            } else {
              ClusterProblems.call(() -> cluster.apply(manifest, false));
            }
          } catch (RuntimeException ex) {
            recorder.move(recorded, RevisionState.FAILED, "Apply failed: " + ex.getMessage());
            throw ex;
          }
          Revision applied =
              recorder.move(
                  recorded,
                  RevisionState.APPLIED,
                  mode == DeactivateMode.DELETE ? "InferenceService deleted" : "Scaled to zero");
          List<Revision> stopping = supersede(recorded);
          // Nothing has to start: the deactivation is done once the API server accepted it.
          Revision done =
              recorder.move(applied, RevisionState.READY, applied.stateReason(), stopping, null);
          return new Change(done, diff);
        });
  }

  /**
   * Applies a recorded PENDING revision (also used by the reconciler after a crash); a failed apply
   * leaves the revision FAILED with the API's answer.
   */
  Revision apply(Revision pending) {
    ObjectNode manifest = ManifestText.parse(pending.manifest());
    try {
      ClusterProblems.call(() -> cluster.apply(manifest, false));
    } catch (RuntimeException ex) {
      recorder.move(pending, RevisionState.FAILED, "Apply failed: " + ex.getMessage());
      throw ex;
    }
    List<Revision> stopping = supersede(pending);
    return recorder.move(
        pending, RevisionState.APPLIED, "Accepted by the Kubernetes API", stopping, pending);
  }

  private Revision applyNew(Revision pending) {
    return apply(recorder.create(pending));
  }

  /**
   * Marks earlier READY revisions SUPERSEDED and answers the revisions whose staged weights go out
   * of use with {@code next}: the superseded ones and the one it replaces (also when that one
   * FAILED after its apply), one per snapshot, leaving out the snapshot {@code next} keeps using.
   */
  private List<Revision> supersede(Revision next) {
    List<Revision> earlier = Blocking.await(() -> store.page(next.deployment(), next.number(), 20));
    Map<String, Revision> released = new LinkedHashMap<>();
    for (Revision r : earlier) {
      boolean replaced = r == earlier.get(0) && r.reached(RevisionState.APPLIED) != null;
      if (r.state() == RevisionState.READY) {
        recorder.move(r, RevisionState.SUPERSEDED, "Replaced by revision " + next.number());
        replaced = true;
      }
      String key = r.snapshotKey();
      if (replaced
          && r.serves()
          && key != null
          && !(next.serves() && key.equals(next.snapshotKey()))) {
        released.putIfAbsent(key, r);
      }
    }
    return List.copyOf(released.values());
  }

  private Optional<Revision> latestSettled(String name) {
    Optional<Revision> latest = Blocking.await(() -> store.latest(name));
    latest
        .filter(r -> r.state().inFlight())
        .ifPresent(
            r -> {
              throw ProblemException.conflict(
                  "Revision "
                      + r.number()
                      + " of deployment "
                      + name
                      + " is still "
                      + r.state()
                      + "; only one change may be in flight");
            });
    return latest;
  }

  private Revision rollbackTarget(String name, Revision current, Integer toRevision) {
    if (toRevision != null) {
      Revision target =
          Blocking.await(() -> store.find(name, toRevision))
              .orElseThrow(
                  () ->
                      ProblemException.notFound(
                          "Deployment " + name + " has no revision " + toRevision));
      if (!target.serves()) {
        throw ProblemException.invalidField(
            "toRevision", "revision " + toRevision + " is a deactivation; pick one that served");
      }
      return target;
    }
    return Blocking.await(() -> store.page(name, current.number(), 100)).stream()
        .filter(r -> r.serves() && r.wasReady())
        .findFirst()
        .orElseThrow(
            () ->
                ProblemException.conflict(
                    "Deployment "
                        + name
                        + " has no earlier revision that was READY to roll back to"));
  }

  private Revision pending(
      String name,
      int number,
      RevisionAction action,
      ObjectNode manifest,
      ManifestDiff diff,
      String actor,
      String reason) {
    Instant now = Instant.now();
    return Revision.pending(
        name,
        number,
        action,
        ManifestText.json(manifest),
        ManifestText.json(diff.patch()),
        diff.unified(),
        actor,
        reason,
        now);
  }

  /** The stored manifest carries its revision number: re-applied, it carries the new one. */
  static ObjectNode relabel(ObjectNode manifest, int number) {
    String n = Integer.toString(number);
    ((ObjectNode) manifest.with("metadata").with("labels")).put(Labels.REVISION, n);
    ((ObjectNode) manifest.with("spec").with("predictor").with("labels")).put(Labels.REVISION, n);
    return manifest;
  }

  private static ObjectNode scaledToZero(ObjectNode manifest) {
    ObjectNode predictor = manifest.with("spec").with("predictor");
    predictor.put("minReplicas", 0);
    predictor.remove("maxReplicas");
    return manifest;
  }

  private void requireCluster() {
    if (!cluster.enabled()) {
      throw ClusterProblems.translate(new dev.modelmanager.deploy.client.KubernetesNotConfigured());
    }
  }
}
