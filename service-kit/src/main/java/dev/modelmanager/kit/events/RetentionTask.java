package dev.modelmanager.kit.events;

import io.smallrye.mutiny.Uni;
import java.time.Instant;

/**
 * A table whose rows expire: {@link RetentionCleanup} calls every bean of this type on its
 * schedule. A service adds its own (the gateway's event log) by declaring one.
 */
public interface RetentionTask {
  /** What is cleaned, for the log. */
  String name();

  /** Deletes the rows that expired by {@code now}; answers how many went. */
  Uni<Integer> purge(Instant now);
}
