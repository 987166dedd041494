package dev.modelmanager.weights.api;

import dev.modelmanager.weights.domain.Snapshot;
import dev.modelmanager.weights.domain.SnapshotQuery;
import java.time.Instant;
import java.util.UUID;

/**
 * The opaque {@code cursor} of the snapshot list: the keyset (repo, installedAt, id) of the last
 * snapshot shown. The repo comes last so a separator inside it cannot confuse the parse.
 */
final class SnapshotCursor {
  private SnapshotCursor() {}

  static String after(Snapshot last) {
    return OpaqueCursor.encode(last.installedAt() + "|" + last.id() + "|" + last.repo());
  }

  /** The position a cursor names; null for none. Throws a RuntimeException when invalid. */
  static SnapshotQuery.After parse(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    String raw = OpaqueCursor.decode(cursor);
    String[] parts = raw.split("\\|", 3);
    if (parts.length != 3 || parts[2].isEmpty()) {
      throw new IllegalArgumentException("not a snapshot cursor");
    }
    return new SnapshotQuery.After(parts[2], Instant.parse(parts[0]), UUID.fromString(parts[1]));
  }
}
