package dev.modelmanager.deploy.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.deploy.client.InferenceServiceCluster;
import dev.modelmanager.deploy.domain.DeploymentStatus;
import dev.modelmanager.deploy.domain.LiveState;
import dev.modelmanager.deploy.domain.Revision;
import dev.modelmanager.deploy.domain.RevisionState;
import dev.modelmanager.deploy.domain.RolloutStrategy;
import dev.modelmanager.deploy.store.RevisionStore;
import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.api.Page;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Reads: deployments with their live state, revisions, and manifest previews. */
@ApplicationScoped
public class DeploymentQueries {
  private final RevisionStore store;
  private final InferenceServiceCluster cluster;
  private final ManifestPlanner planner;

  DeploymentQueries(RevisionStore store, InferenceServiceCluster cluster, ManifestPlanner planner) {
    this.store = store;
    this.cluster = cluster;
    this.planner = planner;
  }

  /** Deployments by name after {@code cursor} (a name), with their desired and active revisions. */
  public Page<DeploymentStatus> list(String cursor, int limit) {
    List<String> names = Blocking.await(() -> store.deployments(cursor, limit + 1));
    String next = names.size() > limit ? names.get(limit - 1) : null;
    return new Page<>(
        names.stream()
            .limit(limit)
            .map(n -> new DeploymentStatus(n, latest(n).orElse(null), active(n), null, null))
            .toList(),
        next);
  }

  /** The desired and active revisions and what runs now; 404 when nothing is known of it. */
  public DeploymentStatus get(String name) {
    Optional<Revision> desired = latest(name);
    LiveState live = null;
    String liveError = null;
    if (!cluster.enabled()) {
      liveError = "Kubernetes is not configured";
    } else {
      try {
        Optional<ObjectNode> isvc = cluster.get(name);
        List<Pod> pods = isvc.isPresent() ? cluster.pods(name) : List.of();
        live = LiveState.of(isvc.orElse(null), pods);
      } catch (RuntimeException e) {
        liveError = ClusterProblems.translate(e).getMessage();
      }
    }
    if (desired.isEmpty() && (live == null || !live.exists())) {
      throw ProblemException.notFound("No deployment named " + name);
    }
    return new DeploymentStatus(name, desired.orElse(null), active(name), live, liveError);
  }

  /** Revisions newest first, numbered below {@code before} (or from the newest). */
  public Page<Revision> revisions(String name, Integer before, int limit) {
    List<Revision> found = Blocking.await(() -> store.page(name, before, limit + 1));
    String next = found.size() > limit ? Integer.toString(found.get(limit - 1).number()) : null;
    return new Page<>(found.stream().limit(limit).toList(), next);
  }

  public Revision revision(String name, int number) {
    return Blocking.await(() -> store.find(name, number))
        .orElseThrow(
            () -> ProblemException.notFound("Deployment " + name + " has no revision " + number));
  }

  /** The manifest the next activation of {@code entryId} would apply; no cluster needed. */
  public ObjectNode preview(String name, String entryId, RolloutStrategy strategy) {
    int next = latest(name).map(r -> r.number() + 1).orElse(1);
    return planner.plan(name, next, planner.entry(entryId), strategy).manifest();
  }

  private Optional<Revision> latest(String name) {
    return Blocking.await(() -> store.latest(name));
  }

  private Revision active(String name) {
    return Blocking.await(() -> store.page(name, null, 50)).stream()
        .filter(r -> r.state() == RevisionState.READY && r.serves())
        .findFirst()
        .orElse(null);
  }
}
