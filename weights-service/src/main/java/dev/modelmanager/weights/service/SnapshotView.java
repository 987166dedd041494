package dev.modelmanager.weights.service;

import dev.modelmanager.weights.domain.Snapshot;
import java.time.Instant;
import java.util.UUID;

/** An installed snapshot as the inventory API shows it. */
public record SnapshotView(
    UUID id,
    String repo,
    String revision,
    String commit,
    String location,
    String path,
    long sizeBytes,
    int files,
    String status,
    boolean verified,
    boolean pinned,
    boolean inUse,
    boolean orphaned,
    Instant installedAt,
    Instant lastAccessedAt) {

  static SnapshotView of(Snapshot s, String path, boolean inUse) {
    return new SnapshotView(
        s.id(),
        s.repo(),
        s.revision(),
        s.commit(),
        s.location(),
        path,
        s.sizeBytes(),
        s.files(),
        s.status(),
        s.verified(),
        s.pinned(),
        inUse,
        Snapshot.ORPHANED.equals(s.status()),
        s.installedAt(),
        s.lastAccessedAt());
  }
}
