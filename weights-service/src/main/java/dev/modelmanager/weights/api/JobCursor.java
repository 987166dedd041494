package dev.modelmanager.weights.api;

import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.JobQuery;
import java.time.Instant;
import java.util.UUID;

/** The opaque {@code cursor} of job lists: the keyset (createdAt, id) of the last job shown. */
final class JobCursor {
  private JobCursor() {}

  static String after(InstallJob last) {
    return OpaqueCursor.encode(last.createdAt + "|" + last.id);
  }

  /** The position a cursor names; null for none. Throws IllegalArgumentException when invalid. */
  static JobQuery.After parse(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    String raw = OpaqueCursor.decode(cursor);
    int bar = raw.indexOf('|');
    if (bar < 0) {
      throw new IllegalArgumentException("not a job cursor");
    }
    return new JobQuery.After(
        Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
  }
}
