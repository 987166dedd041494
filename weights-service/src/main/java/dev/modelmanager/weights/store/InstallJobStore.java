package dev.modelmanager.weights.store;

import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.InstallState;
import dev.modelmanager.weights.domain.JobQuery;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Install jobs. Writes join the caller's transaction. Leases are judged by the database's clock,
 * and every write of a runner is fenced by its (owner, lease epoch).
 */
public interface InstallJobStore {
  Uni<Void> insert(InstallJob job);

  /**
   * Saves the progress of a job that {@code owner} holds under {@code epoch} and that is still
   * open; answers false (writing nothing) when another claim, a cancel or an expiry fenced it off.
   */
  Uni<Boolean> updateOwned(InstallJob job, String owner, long epoch);

  Uni<Optional<InstallJob>> find(UUID id);

  /** At most {@code limit} jobs matching {@code query}, newest first, after its keyset position. */
  Uni<List<InstallJob>> list(JobQuery query, int limit);

  /** Jobs per state. */
  Uni<Map<InstallState, Long>> countByState();

  /**
   * When the job that has waited longest for a runner (QUEUED, unclaimed) was queued or requeued.
   */
  Uni<Optional<Instant>> oldestQueuedSince();

  /** The open job writing (location, repo, commit), if any. */
  Uni<Optional<InstallJob>> findOpen(String location, String repo, String commit);

  /**
   * Takes the oldest job that is QUEUED, or active with a lease expired by the database clock, for
   * {@code owner} for {@code lease}; increments its lease epoch (and its crash count when the lease
   * of a previous owner had expired). Concurrent claimers never get the same job.
   */
  Uni<Optional<InstallJob>> claim(String owner, Duration lease);

  /**
   * Renews the lease of a job {@code owner} holds under {@code epoch}; answers whether a cancel was
   * requested, or empty when the lease was lost (or the job ended).
   */
  Uni<Optional<Boolean>> heartbeat(UUID id, String owner, long epoch, Duration lease);

  /** Gives up the lease, so another replica can claim the job at once. */
  Uni<Void> release(UUID id, String owner, long epoch);

  /** Flags a cancel request for the runner that holds the job. */
  Uni<Void> requestCancel(UUID id);

  /** Ends a job that is still QUEUED as CANCELLED; false when it already moved on. */
  Uni<Boolean> cancelQueued(UUID id, Instant now);

  /** Queues a FAILED or CANCELLED job again; false when it is in another state. */
  Uni<Boolean> requeue(UUID id, Instant now);
}
