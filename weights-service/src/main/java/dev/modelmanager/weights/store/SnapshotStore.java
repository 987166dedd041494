package dev.modelmanager.weights.store;

import dev.modelmanager.weights.domain.Snapshot;
import dev.modelmanager.weights.domain.SnapshotQuery;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Installed snapshots. Writes join the caller's transaction. */
public interface SnapshotStore {
  /**
   * Inserts or replaces the snapshot of (location, repo, commit); keeps the id of an existing one.
   */
  Uni<Snapshot> upsert(Snapshot snapshot);

  Uni<Optional<Snapshot>> find(UUID id);

  Uni<Optional<Snapshot>> find(String location, String repo, String commit);

  /** Every snapshot, ordered by repo then installation time. */
  Uni<List<Snapshot>> all();

  /**
   * At most {@code limit} snapshots matching {@code query}, ordered by (repo, installedAt, id),
   * strictly after its keyset position.
   */
  Uni<List<Snapshot>> page(SnapshotQuery query, int limit);

  Uni<Void> setPinned(UUID id, boolean pinned);

  Uni<Void> setStatus(UUID id, String status);

  Uni<Void> touch(UUID id, Instant accessedAt);

  Uni<Void> delete(UUID id);
}
