package dev.modelmanager.discovery.store;

import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * Who may run a scheduled job now: with several replicas on one Postgres, one at a time and at most
 * once per {@code minGap}. SQLite (one process) only keeps two runs of the process apart.
 */
public interface RefreshLease {
  /**
   * Takes the lease of job {@code name} for {@code holder} unless another run holds it or one
   * started less than {@code minGap} ago; answers whether it was taken.
   */
  Uni<Boolean> tryAcquire(String name, String holder, Duration hold, Duration minGap);

  /** Gives the lease up (its start time stays, for the next {@code minGap} check). */
  Uni<Void> release(String name, String holder);
}
