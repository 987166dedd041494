package dev.modelmanager.weights.api;

import dev.modelmanager.weights.domain.InstalledSnapshot;
import dev.modelmanager.weights.domain.Snapshot;
import java.time.Instant;
import java.util.List;
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
    List<String> usedBy,
    boolean orphaned,
    Instant installedAt,
    Instant lastAccessedAt) {

  static SnapshotView of(InstalledSnapshot installed) {
    Snapshot s = installed.snapshot();
    return new SnapshotView(
        s.id(),
        s.repo(),
        s.revision(),
        s.commit(),
        s.location(),
        installed.path(),
        s.sizeBytes(),
        s.files(),
        s.status(),
        s.verified(),
        s.pinned(),
        installed.inUse(),
        installed.usedBy(),
        Snapshot.ORPHANED.equals(s.status()),
        s.installedAt(),
        s.lastAccessedAt());
  }

  static List<SnapshotView> of(List<InstalledSnapshot> list) {
    return list.stream().map(SnapshotView::of).toList();
  }
}
