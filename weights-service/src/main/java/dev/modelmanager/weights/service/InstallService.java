package dev.modelmanager.weights.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.kit.hf.HubClient;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.model.problem.ProblemType;
import dev.modelmanager.weights.domain.HubPath;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.InstallOrder;
import dev.modelmanager.weights.domain.JobQuery;
import dev.modelmanager.weights.domain.QueuedInstall;
import dev.modelmanager.weights.domain.Snapshot;
import dev.modelmanager.weights.engine.JobRunner;
import dev.modelmanager.weights.events.WeightsEvents;
import dev.modelmanager.weights.hubcache.StorageLocations;
import dev.modelmanager.weights.store.InstallJobStore;
import dev.modelmanager.weights.store.SnapshotStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Install use cases of the API: create, read, list, cancel, retry. */
@ApplicationScoped
public class InstallService {
  private final InstallJobStore jobs;
  private final SnapshotStore snapshots;
  private final StorageLocations locations;
  private final Transactor tx;
  private final WeightsEvents events;
  private final JobRunner runner;
  private final HubClient hub;

  InstallService(
      InstallJobStore jobs,
      SnapshotStore snapshots,
      StorageLocations locations,
      Transactor tx,
      WeightsEvents events,
      JobRunner runner,
      HubClient hub) {
    this.jobs = jobs;
    this.snapshots = snapshots;
    this.locations = locations;
    this.tx = tx;
    this.events = events;
    this.runner = runner;
    this.hub = hub;
  }

  /**
   * Resolves the revision to its commit, refuses an installed snapshot (409 unless overwrite), and
   * queues the job with its created event, or answers the open job that already writes the same
   * (location, repo, commit): the database allows one, so concurrent requests share it.
   */
  /** Queues (or joins) the install {@code order} asked for by {@code requestedBy}. */
  public Uni<QueuedInstall> create(InstallOrder order, String requestedBy) {
    String location =
        order.location() == null
            ? locations.first().name()
            : locations.get(order.location()).name();
    RepoId repo = RepoId.parse(order.repo());
    return hub.modelInfo(repo, order.revision(), List.of())
        .map(InstallService::commitOf)
        .chain(
            commit -> {
              InstallJob job =
                  InstallJob.create(
                      order.repo(),
                      order.revision(),
                      location,
                      order.include(),
                      order.exclude(),
                      order.overwrite(),
                      order.pin(),
                      Instant.now());
              job.commit = commit;
              job.requestedBy = requestedBy;
              return refuseInstalled(job).chain(() -> queue(job));
            });
  }

  private static String commitOf(JsonNode info) {
    String commit = info.path("sha").asText(null);
    if (!HubPath.isCommit(commit)) {
      throw new ProblemException(ProblemType.UPSTREAM_UNAVAILABLE, "The Hub gave no commit");
    }
    return commit.toLowerCase();
  }

  private Uni<Void> refuseInstalled(InstallJob job) {
    if (job.overwrite) {
      return Uni.createFrom().voidItem();
    }
    return snapshots
        .find(job.location, job.repo, job.commit)
        .invoke(
            found ->
                found
                    .filter(s -> Snapshot.READY.equals(s.status()))
                    // Another revision name on an installed commit only needs its ref written.
                    .filter(
                        s -> s.revision().equals(job.revision) || s.commit().equals(job.revision))
                    .ifPresent(
                        s -> {
                          throw ProblemException.conflict(
                              "Snapshot "
                                  + s.commit()
                                  + " of "
                                  + job.repo
                                  + "@"
                                  + job.revision
                                  + " is already installed on '"
                                  + job.location
                                  + "' (id "
                                  + s.id()
                                  + "); set overwrite=true to install it again");
                        }))
        .replaceWithVoid();
  }

  private Uni<QueuedInstall> queue(InstallJob job) {
    return jobs.findOpen(job.location, job.repo, job.commit)
        .chain(
            open ->
                open.isPresent()
                    ? Uni.createFrom().item(new QueuedInstall(open.get(), true))
                    : insert(job));
  }

  private Uni<QueuedInstall> insert(InstallJob job) {
    return tx.inTransaction(
            () ->
                jobs.insert(job)
                    .chain(() -> events.install(EventTypes.WEIGHTS_INSTALL_CREATED, job)))
        // Committed: this replica may start it now instead of at its next poll.
        .invoke(runner::wake)
        .replaceWith(new QueuedInstall(job, false))
        // A concurrent request inserted the same open job first (unique index): join it.
        .onFailure()
        .recoverWithUni(
            failure ->
                jobs.findOpen(job.location, job.repo, job.commit)
                    .map(
                        open ->
                            new QueuedInstall(
                                open.orElseThrow(
                                    () ->
                                        failure instanceof RuntimeException r
                                            ? r
                                            : new IllegalStateException(failure)),
                                true)));
  }

  public Uni<InstallJob> get(UUID id) {
    return jobs.find(id)
        .map(j -> j.orElseThrow(() -> ProblemException.notFound("No install " + id)));
  }

  /** One page of jobs, newest first, after the keyset position of {@code query}. */
  public Uni<List<InstallJob>> list(JobQuery query, int limit) {
    return jobs.list(query, limit);
  }

  /**
   * A QUEUED job ends CANCELLED at once by a conditional update that a concurrent claim cannot undo
   * (the claimer's fenced writes then find the job closed); a running one is stopped by its runner
   * (here at once, on another replica at its next heartbeat).
   */
  public Uni<InstallJob> cancel(UUID id) {
    return get(id)
        .chain(
            job -> {
              if (job.state.terminal()) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.conflict("Install " + id + " already ended " + job.state));
              }
              Instant now = Instant.now();
              return tx.inTransaction(
                      () ->
                          jobs.cancelQueued(id, now)
                              .chain(
                                  cancelled ->
                                      cancelled
                                          ? get(id)
                                              .chain(
                                                  c ->
                                                      events.install(
                                                          EventTypes.WEIGHTS_INSTALL_CANCELLED, c))
                                              .replaceWith(true)
                                          : jobs.requestCancel(id).replaceWith(false)))
                  .invoke(cancelled -> runner.cancelLocally(id))
                  .chain(() -> get(id));
            });
  }

  /**
   * Queues a failed or cancelled job again; verified blobs and persisted parts are kept. The job,
   * QUEUED again, is announced as progressed in the same transaction.
   */
  public Uni<InstallJob> retry(UUID id) {
    return tx.inTransaction(
            () ->
                jobs.requeue(id, Instant.now())
                    .call(
                        requeued ->
                            requeued
                                ? get(id)
                                    .chain(
                                        job ->
                                            events.install(
                                                EventTypes.WEIGHTS_INSTALL_PROGRESSED, job))
                                : Uni.createFrom().voidItem()))
        .onFailure()
        .transform(
            e ->
                ProblemException.conflict(
                    "Another install of the same snapshot is open; cancel it or wait for it"))
        .chain(
            requeued ->
                get(id)
                    .invoke(
                        job -> {
                          if (!requeued) {
                            throw ProblemException.conflict(
                                "Only a FAILED or CANCELLED install can be retried; "
                                    + id
                                    + " is "
                                    + job.state);
                          }
                        }))
        .invoke(runner::wake);
  }
}
