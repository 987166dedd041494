package dev.modelmanager.weights.domain;

/**
 * An installed snapshot with where it lies and whether a deployment uses it.
 *
 * @param path the snapshot folder on its location, null when the location is gone
 * @param usedBy the deployments serving it (empty when none)
 */
public record InstalledSnapshot(Snapshot snapshot, String path, java.util.List<String> usedBy) {
  public boolean inUse() {
    return !usedBy.isEmpty();
  }
}
