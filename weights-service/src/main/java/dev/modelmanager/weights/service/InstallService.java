package dev.modelmanager.weights.service;

import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.api.Page;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.weights.domain.GlobPattern;
import dev.modelmanager.weights.domain.HubPath;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.InstallState;
import dev.modelmanager.weights.domain.Snapshot;
import dev.modelmanager.weights.storage.StorageLocations;
import dev.modelmanager.weights.store.InstallJobStore;
import dev.modelmanager.weights.store.SnapshotStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/** Install use cases of the API: create, read, list, cancel, retry. */
@ApplicationScoped
public class InstallService {
  private static final int LIST_WINDOW = 1000;

  private final InstallJobStore jobs;
  private final SnapshotStore snapshots;
  private final StorageLocations locations;
  private final Transactor tx;
  private final WeightsEvents events;
  private final JobRunner runner;

  InstallService(
      InstallJobStore jobs,
      SnapshotStore snapshots,
      StorageLocations locations,
      Transactor tx,
      WeightsEvents events,
      JobRunner runner) {
    this.jobs = jobs;
    this.snapshots = snapshots;
    this.locations = locations;
    this.tx = tx;
    this.events = events;
    this.runner = runner;
  }

  /** Validates, refuses duplicates (409) and queues the job with its created event. */
  public Uni<InstallJob> create(InstallRequest req) {
    if (req == null) {
      return Uni.createFrom()
          .failure(ProblemException.badRequest("A JSON body with at least 'repo' is required"));
    }
    InstallJob job;
    try {
      job = validate(req);
    } catch (ProblemException e) {
      return Uni.createFrom().failure(e);
    }
    return jobs.findOpen(job.repo, job.revision, job.location)
        .invoke(
            open -> {
              if (open.isPresent()) {
                throw ProblemException.conflict(
                    job.repo
                        + "@"
                        + job.revision
                        + " is already being installed on '"
                        + job.location
                        + "' by install "
                        + open.get().id);
              }
            })
        .chain(() -> snapshots.all())
        .invoke(
            all -> {
              if (job.overwrite) {
                return;
              }
              all.stream()
                  .filter(s -> s.location().equals(job.location) && s.repo().equals(job.repo))
                  .filter(s -> Snapshot.READY.equals(s.status()))
                  .filter(
                      s ->
                          s.commit().equals(job.revision.toLowerCase(Locale.ROOT))
                              || s.revision().equals(job.revision))
                  .findFirst()
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
                      });
            })
        .chain(
            () ->
                tx.inTransaction(
                    () ->
                        jobs.insert(job)
                            .chain(() -> events.install(EventTypes.WEIGHTS_INSTALL_CREATED, job))))
        // Committed: this replica may start it now instead of at its next poll.
        .invoke(runner::wake)
        .replaceWith(job);
  }

  private InstallJob validate(InstallRequest req) {
    String repo;
    try {
      repo = RepoId.parse(req.repo()).toString();
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidField("repo", e.getMessage());
    }
    String revision = req.revision() == null || req.revision().isBlank() ? "main" : req.revision();
    try {
      HubPath.validateRevision(revision);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidField("revision", e.getMessage());
    }
    String location =
        req.location() == null ? locations.first().name() : locations.get(req.location()).name();
    List<String> include = patterns("include", req.include());
    List<String> exclude = patterns("exclude", req.exclude());
    return InstallJob.create(
        repo,
        revision,
        location,
        include,
        exclude,
        Boolean.TRUE.equals(req.overwrite()),
        Boolean.TRUE.equals(req.pin()),
        Instant.now());
  }

  private static List<String> patterns(String field, List<String> values) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > 100) {
      throw ProblemException.invalidField(field, "at most 100 patterns");
    }
    for (int i = 0; i < values.size(); i++) {
      try {
        GlobPattern.of(values.get(i));
        if (values.get(i).contains("\n")) {
          throw new IllegalArgumentException("pattern contains a line break");
        }
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalidField(field + "[" + i + "]", e.getMessage());
      }
    }
    return List.copyOf(values);
  }

  public Uni<InstallJob> get(UUID id) {
    return jobs.find(id)
        .map(j -> j.orElseThrow(() -> ProblemException.notFound("No install " + id)));
  }

  /** Jobs newest first, filtered by state, repo and location. */
  public Uni<Page<InstallJob>> list(
      String state, String repo, String location, int limit, String cursor) {
    InstallState wanted;
    try {
      wanted = state == null ? null : InstallState.valueOf(state.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("state", "unknown state " + state));
    }
    return jobs.list(LIST_WINDOW)
        .map(
            all ->
                Cursors.page(
                    all.stream()
                        .filter(j -> wanted == null || j.state == wanted)
                        .filter(j -> repo == null || j.repo.equals(repo))
                        .filter(j -> location == null || j.location.equals(location))
                        .toList(),
                    limit,
                    cursor));
  }

  /**
   * A queued job ends CANCELLED at once; a running one is stopped by its runner (here at once, on
   * another replica at its next heartbeat).
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
              if (job.state == InstallState.QUEUED && job.owner == null) {
                job.moveTo(InstallState.CANCELLED, Instant.now());
                return tx.inTransaction(
                        () ->
                            jobs.update(job)
                                .chain(
                                    () ->
                                        events.install(EventTypes.WEIGHTS_INSTALL_CANCELLED, job)))
                    .replaceWith(job);
              }
              return tx.inTransaction(() -> jobs.requestCancel(id))
                  .invoke(() -> runner.cancelLocally(id))
                  .chain(() -> get(id));
            });
  }

  /** Queues a failed or cancelled job again; verified blobs and persisted parts are kept. */
  public Uni<InstallJob> retry(UUID id) {
    return get(id)
        .chain(
            job -> {
              if (job.state != InstallState.FAILED && job.state != InstallState.CANCELLED) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.conflict(
                            "Only a FAILED or CANCELLED install can be retried; "
                                + id
                                + " is "
                                + job.state));
              }
              job.moveTo(InstallState.QUEUED, Instant.now());
              job.error = null;
              job.cancelRequested = false;
              job.owner = null;
              job.leaseUntil = null;
              job.finishedAt = null;
              return tx.inTransaction(() -> jobs.update(job)).replaceWith(job);
            });
  }

  static boolean same(String a, String b) {
    return Objects.equals(a, b);
  }
}
