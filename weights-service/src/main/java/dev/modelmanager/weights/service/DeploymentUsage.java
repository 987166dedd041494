package dev.modelmanager.weights.service;

import dev.modelmanager.weights.domain.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which snapshots running deployments use. The deploy service does not publish that yet, so nothing
 * is in use; the API field, the delete check and the purge filter already ask here.
 */
@ApplicationScoped
public class DeploymentUsage {
  public boolean inUse(Snapshot snapshot) {
    return !usedBy(snapshot).isEmpty();
  }

  /** The deployments serving the snapshot. */
  public java.util.List<String> usedBy(Snapshot snapshot) {
    return java.util.List.of();
  }
}
