package dev.modelmanager.weights.engine;

import dev.modelmanager.kit.hf.TransferCancelledException;
import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.model.problem.ProblemType;
import dev.modelmanager.weights.config.WeightsConfig;
import dev.modelmanager.weights.domain.DownloadPlanner;
import dev.modelmanager.weights.domain.HubPath;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.InstallState;
import dev.modelmanager.weights.domain.JobPlan;
import dev.modelmanager.weights.domain.PlannedFile;
import dev.modelmanager.weights.domain.Snapshot;
import dev.modelmanager.weights.events.WeightsEvents;
import dev.modelmanager.weights.hubcache.HubCacheLayout;
import dev.modelmanager.weights.hubcache.StorageLocations;
import dev.modelmanager.weights.hubcache.StorageLocations.StorageLocation;
import dev.modelmanager.weights.store.BlobHoldStore;
import dev.modelmanager.weights.store.DiskReservationStore;
import dev.modelmanager.weights.store.InstallJobStore;
import dev.modelmanager.weights.store.SnapshotStore;
import dev.modelmanager.weights.store.WeightsJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Runs one claimed install to its end: RESOLVING (commit, tree, plan, admission), DOWNLOADING and
 * VERIFYING (the engine), FINALIZING (snapshot links, ref, inventory). Blocking; runs on a runner
 * thread. Every state change and its event commit together.
 */
// Created at start-up, so its meters are exported (at 0) before the first use.
@io.quarkus.runtime.Startup
@ApplicationScoped
public class InstallExecutor {
  private static final Logger LOG = Logger.getLogger(InstallExecutor.class);

  private final InstallResolver resolver;
  private final DiskReservationStore reservations;
  private final DownloadEngine engine;
  private final StorageLocations locations;
  private final InstallJobStore jobs;
  private final SnapshotStore snapshots;
  private final BlobHoldStore holds;
  private final Transactor tx;
  private final WeightsEvents events;
  private final WeightsJson json;
  private final WeightsConfig config;
  private final Timer duration;

  InstallExecutor(
      InstallResolver resolver,
      DiskReservationStore reservations,
      DownloadEngine engine,
      StorageLocations locations,
      InstallJobStore jobs,
      SnapshotStore snapshots,
      BlobHoldStore holds,
      Transactor tx,
      WeightsEvents events,
      WeightsJson json,
      WeightsConfig config,
      MeterRegistry metrics) {
    this.resolver = resolver;
    this.reservations = reservations;
    this.engine = engine;
    this.locations = locations;
    this.jobs = jobs;
    this.snapshots = snapshots;
    this.holds = holds;
    this.tx = tx;
    this.events = events;
    this.json = json;
    this.config = config;
    this.duration =
        Timer.builder("mm_weights_install_duration")
            .description("Time from start to success of an install")
            .register(metrics);
  }

  /** Fails a job that crashed its replicas too often, without running it again. */
  void failPoisoned(InstallJob job, JobHandle handle, int limit) {
    String why =
        "The install was interrupted %d times by a replica that stopped while running it"
            + " (limit %d); retry it once the cause is fixed";
    fail(job, handle, ProblemType.INTERNAL.problem(String.format(why, job.crashes, limit)));
  }

  void run(InstallJob job, JobHandle handle) {
    try {
      execute(job, handle);
    } catch (Abandoned e) {
      LOG.infof("install %s abandoned by this replica", job.id);
    } catch (TransferCancelledException e) {
      if (!handle.abandoned()) {
        finish(job, handle, InstallState.CANCELLED, null, EventTypes.WEIGHTS_INSTALL_CANCELLED);
      }
    } catch (ProblemException e) {
      fail(job, handle, e.problem());
    } catch (HubPath.UnsafePathException e) {
      fail(job, handle, ProblemType.BAD_REQUEST.problem(e.getMessage()));
    } catch (IllegalArgumentException e) {
      fail(job, handle, ProblemType.VALIDATION.problem(e.getMessage()));
    } catch (RuntimeException | IOException e) {
      LOG.errorf(e, "install %s failed", job.id);
      fail(
          job,
          handle,
          ProblemType.INTERNAL.problem("The install failed: " + e.getClass().getSimpleName()));
    }
  }

  private void fail(InstallJob job, JobHandle handle, Problem problem) {
    if (handle.abandoned()) {
      return;
    }
    if (handle.cancelled()) {
      finish(job, handle, InstallState.CANCELLED, null, EventTypes.WEIGHTS_INSTALL_CANCELLED);
      return;
    }
    finish(job, handle, InstallState.FAILED, problem, EventTypes.WEIGHTS_INSTALL_FAILED);
  }

  private void finish(
      InstallJob job, JobHandle h, InstallState state, Problem problem, String type) {
    try {
      job.error = problem == null ? null : json.write(problem);
      job.moveTo(state, Instant.now());
      save(job, h, type);
    } catch (Abandoned e) {
      LOG.infof("install %s abandoned before it could be marked %s", job.id, state);
    }
  }

  private void execute(InstallJob job, JobHandle h) throws IOException {
    RepoId repo = RepoId.parse(job.repo);
    StorageLocation location = locations.get(job.location);
    HubCacheLayout layout = location.layout();
    if (job.startedAt == null) {
      job.startedAt = Instant.now();
    }
    if (job.cancelRequested) {
      throw new TransferCancelledException();
    }
    List<PlannedFile> files;
    if (job.commit == null
        || job.state == InstallState.QUEUED
        || job.state == InstallState.RESOLVING) {
      move(job, h, InstallState.RESOLVING);
      files = resolve(job, h, repo, location);
      if (files == null) {
        return;
      }
    } else {
      files = resolver.planned(job);
      resolver.hold(job, files);
    }
    if (job.state != InstallState.FINALIZING) {
      download(job, h, repo, layout, files);
    }
    finalizeSnapshot(job, h, repo, layout, files);
  }

  /** Commit, tree, plan and admission; null when the snapshot is already installed. */
  private List<PlannedFile> resolve(
      InstallJob job, JobHandle h, RepoId repo, StorageLocation location) throws IOException {
    String commit = resolver.commit(job, repo);
    checkStop(h);
    DownloadPlanner.Plan plan = resolver.plan(job, repo, commit);
    job.commit = commit;
    resolver.hold(job, plan.files());
    HubCacheLayout layout = location.layout();
    var existing = Blocking.await(() -> snapshots.find(location.name(), job.repo, job.commit));
    if (existing.isPresent()
        && !job.overwrite
        && Snapshot.READY.equals(existing.get().status())
        && Files.isDirectory(layout.snapshot(repo, job.commit))) {
      reuse(job, h, repo, layout, existing.get());
      return null;
    }
    checkStop(h);
    resolver.admit(job, location, repo, plan.files(), () -> owned(job, h));
    job.bytesTotal = plan.totalBytes();
    job.bytesDone = resolver.presentBytes(layout, repo, plan.files());
    job.plan =
        json.write(
            JobProgress.planOf(
                plan.files(), plan.skipped(), Map.of(), Set.of(), 0, null, layout, repo));
    return plan.files();
  }

  /** The snapshot is installed already: point the ref at it and succeed without a transfer. */
  private void reuse(
      InstallJob job, JobHandle h, RepoId repo, HubCacheLayout layout, Snapshot existing)
      throws IOException {
    layout.writeRef(repo, job.revision, job.commit);
    job.bytesTotal = existing.sizeBytes();
    job.bytesDone = job.bytesTotal;
    UUID snapshotId = existing.id();
    Blocking.await(
        () ->
            tx.inTransaction(
                () ->
                    snapshots
                        .touch(snapshotId, Instant.now())
                        .chain(
                            () ->
                                job.pin
                                    ? snapshots.setPinned(snapshotId, true)
                                    : io.smallrye.mutiny.Uni.createFrom().voidItem())));
    job.plan =
        json.write(
            new JobPlan(
                List.of(), List.of("snapshot " + job.commit + " is already installed"), 0, 0L));
    finish(job, h, InstallState.SUCCEEDED, null, EventTypes.WEIGHTS_INSTALL_SUCCEEDED);
  }

  private void download(
      InstallJob job, JobHandle h, RepoId repo, HubCacheLayout layout, List<PlannedFile> files)
      throws IOException {
    List<PlannedFile> missing = resolver.missing(layout, repo, files);
    long present =
        files.stream().mapToLong(PlannedFile::size).sum()
            - missing.stream().mapToLong(PlannedFile::size).sum();
    if (job.state != InstallState.VERIFYING) {
      // A job taken over while VERIFYING stays there: only its missing parts are fetched.
      move(job, h, InstallState.DOWNLOADING);
    }
    JobDownload d =
        new JobDownload(engine, repo, job.commit, job.location, layout, missing, present);
    h.attach(d);
    d.start();
    List<String> skipped = json.plan(job).skipped();
    JobProgress progress = new JobProgress(d.bytesDone(), config.jobs().progressEventInterval());
    Duration tick = config.jobs().progressInterval();
    while (true) {
      try {
        d.completion().get(tick.toMillis(), TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException e) {
        long bytes = d.bytesDone();
        long rate = progress.tick(bytes);
        job.bytesDone = Math.min(bytes, job.bytesTotal);
        job.plan =
            json.write(
                JobProgress.planOf(
                    files,
                    skipped,
                    d.fileBytes(),
                    d.verifiedPaths(),
                    rate,
                    progress.eta(job.bytesTotal, bytes),
                    layout,
                    repo));
        boolean verifying = job.state == InstallState.DOWNLOADING && d.allBytesReceived();
        if (verifying) {
          job.moveTo(InstallState.VERIFYING, Instant.now());
        }
        // Saved every tick (the job resource is live); announced at most once per interval, and
        // whenever the state changes (the gateway signs each state into the job's history).
        save(job, h, progress.eventDue(verifying) ? EventTypes.WEIGHTS_INSTALL_PROGRESSED : null);
      } catch (ExecutionException e) {
        d.awaitWorkers(Duration.ofSeconds(2));
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        d.abort(new TransferCancelledException());
        throw new Abandoned();
      }
    }
    d.awaitWorkers(Duration.ofSeconds(2));
    checkStop(h);
    if (job.state == InstallState.DOWNLOADING) {
      job.moveTo(InstallState.VERIFYING, Instant.now());
    }
    job.bytesDone = job.bytesTotal;
    job.plan =
        json.write(
            JobProgress.planOf(
                files, skipped, Map.of(), JobProgress.allPaths(files), 0, 0L, layout, repo));
  }

  private void finalizeSnapshot(
      InstallJob job, JobHandle h, RepoId repo, HubCacheLayout layout, List<PlannedFile> files)
      throws IOException {
    move(job, h, InstallState.FINALIZING);
    for (PlannedFile f : files) {
      if (!layout.hasBlob(repo, f.blob(), f.size())) {
        throw new ProblemException(
            ProblemType.CHECKSUM_MISMATCH,
            "Blob of " + f.path() + " is missing after verification");
      }
    }
    layout.publishSnapshot(repo, job.commit, files);
    layout.writeRef(repo, job.revision, job.commit);
    Map<String, Long> blobs = new LinkedHashMap<>();
    files.forEach(f -> blobs.put(f.blob(), f.size()));
    Instant now = Instant.now();
    Snapshot snapshot =
        new Snapshot(
            UUID.randomUUID(),
            job.repo,
            job.revision,
            job.commit,
            job.location,
            blobs.values().stream().mapToLong(Long::longValue).sum(),
            files.size(),
            Snapshot.READY,
            true,
            job.pin,
            now,
            now,
            blobs);
    checkStop(h);
    job.moveTo(InstallState.SUCCEEDED, now);
    Blocking.await(
        () ->
            tx.inTransaction(
                () ->
                    owned(job, h)
                        .chain(() -> snapshots.upsert(snapshot))
                        .chain(() -> holds.release(job.id))
                        .chain(() -> reservations.release(job.id))
                        .chain(() -> events.install(EventTypes.WEIGHTS_INSTALL_SUCCEEDED, job))));
    if (job.startedAt != null) {
      duration.record(Duration.between(job.startedAt, now));
    }
  }

  /** Moves the job to {@code state} and saves it; a change of state is announced (progressed). */
  private void move(InstallJob job, JobHandle h, InstallState state) {
    checkStop(h);
    boolean changed = job.state != state;
    if (changed) {
      job.moveTo(state, Instant.now());
    }
    save(job, h, changed ? EventTypes.WEIGHTS_INSTALL_PROGRESSED : null);
  }

  private static void checkStop(JobHandle h) {
    if (h.abandoned()) {
      throw new Abandoned();
    }
    if (h.cancelled()) {
      throw new TransferCancelledException();
    }
  }

  private void save(InstallJob job, JobHandle h, String eventType) {
    if (h.abandoned()) {
      throw new Abandoned();
    }
    job.updatedAt = Instant.now();
    Blocking.await(
        () ->
            tx.inTransaction(
                () ->
                    owned(job, h)
                        .chain(
                            () ->
                                job.state.terminal()
                                    ? holds
                                        .release(job.id)
                                        .chain(() -> reservations.release(job.id))
                                    : io.smallrye.mutiny.Uni.createFrom().voidItem())
                        .chain(
                            () ->
                                eventType == null
                                    ? io.smallrye.mutiny.Uni.createFrom().voidItem()
                                    : events.install(eventType, job))));
  }

  /**
   * Saves the job if this claim still holds it (owner and lease epoch, job open); otherwise fails
   * the transaction with {@link Abandoned}, so no event of a stale claim is ever written.
   */
  private io.smallrye.mutiny.Uni<Void> owned(InstallJob job, JobHandle h) {
    return jobs.updateOwned(job, h.owner, h.epoch)
        .chain(
            ok ->
                ok
                    ? io.smallrye.mutiny.Uni.createFrom().voidItem()
                    : io.smallrye.mutiny.Uni.createFrom().failure(new Abandoned()));
  }
}
