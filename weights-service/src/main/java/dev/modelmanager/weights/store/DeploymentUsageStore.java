package dev.modelmanager.weights.store;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/**
 * Which deployment serves which snapshot ({@code deployment_usage}), one row per deployment, fed by
 * deploy-service's weights usage events. Writes join the caller's transaction.
 */
public interface DeploymentUsageStore {
  /**
   * Records that {@code deployment} serves {@code repo@commit} on {@code location} as of {@code
   * at}, replacing what it served before unless that was recorded later (an older event never
   * wins).
   */
  Uni<Void> use(String deployment, String location, String repo, String commit, Instant at);

  /**
   * Forgets that {@code deployment} serves {@code repo@commit} on {@code location}, unless it was
   * recorded after {@code at}. A release of a snapshot the deployment no longer serves is a no-op.
   */
  Uni<Void> release(String deployment, String location, String repo, String commit, Instant at);

  /** The deployments serving {@code repo@commit} on {@code location}, by name. */
  Uni<List<String>> usedBy(String location, String repo, String commit);
}
