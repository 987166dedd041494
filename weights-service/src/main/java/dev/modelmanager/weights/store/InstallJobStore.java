package dev.modelmanager.weights.store;

import dev.modelmanager.weights.domain.InstallJob;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Install jobs. Writes join the caller's transaction. */
public interface InstallJobStore {
  Uni<Void> insert(InstallJob job);

  /** Saves every mutable field of a job. */
  Uni<Void> update(InstallJob job);

  Uni<Optional<InstallJob>> find(UUID id);

  /** Jobs newest first, at most {@code limit}. */
  Uni<List<InstallJob>> list(int limit);

  /** A job not terminal for the same repo, revision and location, if any. */
  Uni<Optional<InstallJob>> findOpen(String repo, String revision, String location);

  /**
   * Takes the oldest job that is QUEUED, or active with an expired lease, for {@code owner} until
   * {@code leaseUntil}; concurrent claimers never get the same job.
   */
  Uni<Optional<InstallJob>> claim(String owner, Instant now, Instant leaseUntil);

  /**
   * Renews the lease of a job {@code owner} holds; answers whether a cancel was requested, or empty
   * when the lease was lost.
   */
  Uni<Optional<Boolean>> heartbeat(UUID id, String owner, Instant leaseUntil);

  /** Gives up the lease {@code owner} holds, so another replica can claim the job at once. */
  Uni<Void> release(UUID id, String owner);

  /** Flags a cancel request for the runner that holds the job. */
  Uni<Void> requestCancel(UUID id);
}
