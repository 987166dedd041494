package dev.modelmanager.weights.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.kit.hf.HubClient;
import dev.modelmanager.kit.hf.TransferCancelledException;
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
import dev.modelmanager.weights.domain.PlannedFile;
import dev.modelmanager.weights.domain.Snapshot;
import dev.modelmanager.weights.domain.StorageThresholds;
import dev.modelmanager.weights.domain.TreeEntry;
import dev.modelmanager.weights.storage.HubCacheLayout;
import dev.modelmanager.weights.storage.StorageLocations;
import dev.modelmanager.weights.storage.StorageLocations.StorageLocation;
import dev.modelmanager.weights.store.InstallJobStore;
import dev.modelmanager.weights.store.SnapshotStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
@ApplicationScoped
public class InstallExecutor {
  private static final Logger LOG = Logger.getLogger(InstallExecutor.class);

  private final HubClient hub;
  private final DownloadEngine engine;
  private final StorageLocations locations;
  private final InstallJobStore jobs;
  private final SnapshotStore snapshots;
  private final Transactor tx;
  private final WeightsEvents events;
  private final WeightsJson json;
  private final WeightsConfig config;
  private final Timer duration;

  InstallExecutor(
      HubClient hub,
      DownloadEngine engine,
      StorageLocations locations,
      InstallJobStore jobs,
      SnapshotStore snapshots,
      Transactor tx,
      WeightsEvents events,
      WeightsJson json,
      WeightsConfig config,
      MeterRegistry metrics) {
    this.hub = hub;
    this.engine = engine;
    this.locations = locations;
    this.jobs = jobs;
    this.snapshots = snapshots;
    this.tx = tx;
    this.events = events;
    this.json = json;
    this.config = config;
    this.duration =
        Timer.builder("mm_weights_install_duration")
            .description("Time from start to success of an install")
            .register(metrics);
  }

  /** Signals that the job was abandoned and must not be written any more. */
  static final class Abandoned extends RuntimeException {
    Abandoned() {
      super("abandoned", null, false, false);
    }
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
      move(job, h, InstallState.RESOLVING, null);
      files = resolve(job, h, repo, location);
      if (files == null) {
        return;
      }
    } else {
      files = planned(job);
    }
    if (job.state != InstallState.FINALIZING) {
      download(job, h, repo, layout, files);
    }
    finalizeSnapshot(job, h, repo, layout, files);
  }

  /** Commit, tree, plan and admission; null when the snapshot is already installed. */
  private List<PlannedFile> resolve(
      InstallJob job, JobHandle h, RepoId repo, StorageLocation location) throws IOException {
    JsonNode info = Blocking.await(() -> hub.modelInfo(repo, job.revision, List.of()));
    String commit = info.path("sha").asText(null);
    if (!HubPath.isCommit(commit)) {
      throw new ProblemException(
          ProblemType.UPSTREAM_UNAVAILABLE,
          "The Hub gave no commit for " + repo + "@" + job.revision);
    }
    checkStop(h);
    List<JsonNode> tree = Blocking.await(() -> hub.tree(repo, commit));
    List<TreeEntry> entries = new ArrayList<>();
    for (JsonNode n : tree) {
      JsonNode lfs = n.path("lfs");
      entries.add(
          new TreeEntry(
              n.path("type").asText(),
              n.path("path").asText(null),
              n.path("size").asLong(-1),
              n.path("oid").asText(null),
              lfs.isObject() ? lfs.path("oid").asText(null) : null));
    }
    DownloadPlanner.Plan plan = DownloadPlanner.plan(entries, job.include, job.exclude);
    if (plan.files().isEmpty()) {
      throw ProblemException.badRequest(
          "No file of " + repo + "@" + job.revision + " matches the include/exclude patterns");
    }
    job.commit = commit.toLowerCase();
    HubCacheLayout layout = location.layout();
    var existing = Blocking.await(() -> snapshots.find(location.name(), job.repo, job.commit));
    if (existing.isPresent()
        && !job.overwrite
        && Snapshot.READY.equals(existing.get().status())
        && Files.isDirectory(layout.snapshot(repo, job.commit))) {
      layout.writeRef(repo, job.revision, job.commit);
      job.bytesTotal = existing.get().sizeBytes();
      job.bytesDone = job.bytesTotal;
      UUID snapshotId = existing.get().id();
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
      return null;
    }
    long missing = 0;
    long present = 0;
    Set<String> seen = new java.util.HashSet<>();
    for (PlannedFile f : plan.files()) {
      if (!seen.add(f.blob())) {
        continue;
      }
      if (layout.hasBlob(repo, f.blob(), f.size())) {
        present += f.size();
      } else {
        missing += Math.max(0, f.size() - layout.incompleteBytes(repo, f.blob()));
      }
    }
    long free = locations.usage(location).freeBytes();
    if (!StorageThresholds.admits(missing, location.headroomBytes(), free)) {
      throw new ProblemException(
          ProblemType.INSUFFICIENT_STORAGE,
          String.format(
              "Location '%s' has %d bytes free; the install needs %d bytes missing plus %d headroom"
                  + " (%d bytes more than available)",
              location.name(),
              free,
              missing,
              location.headroomBytes(),
              missing + location.headroomBytes() - free));
    }
    job.bytesTotal = plan.totalBytes();
    job.bytesDone = present;
    job.plan =
        json.write(planOf(plan.files(), plan.skipped(), Map.of(), Set.of(), 0, null, layout, repo));
    return plan.files();
  }

  private List<PlannedFile> planned(InstallJob job) {
    return json.plan(job).files().stream()
        .map(f -> new PlannedFile(HubPath.validate(f.path()), f.size(), f.blob(), f.lfs()))
        .toList();
  }

  private void download(
      InstallJob job, JobHandle h, RepoId repo, HubCacheLayout layout, List<PlannedFile> files)
      throws IOException {
    List<PlannedFile> missing = new ArrayList<>();
    long present = 0;
    Set<String> seen = new java.util.HashSet<>();
    for (PlannedFile f : files) {
      if (!seen.add(f.blob())) {
        present += f.size();
      } else if (layout.hasBlob(repo, f.blob(), f.size())) {
        present += f.size();
      } else {
        missing.add(f);
      }
    }
    if (job.state != InstallState.VERIFYING) {
      // A job taken over while VERIFYING stays there: only its missing parts are fetched.
      move(job, h, InstallState.DOWNLOADING, null);
    }
    JobDownload d =
        new JobDownload(engine, repo, job.commit, job.location, layout, missing, present);
    h.attach(d);
    d.start();
    List<String> skipped = json.plan(job).skipped();
    long lastBytes = d.bytesDone();
    long lastTick = System.nanoTime();
    double rate = 0;
    Duration tick = config.jobs().progressInterval();
    while (true) {
      try {
        d.completion().get(tick.toMillis(), TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException e) {
        long bytes = d.bytesDone();
        long now = System.nanoTime();
        double instant = (bytes - lastBytes) * 1e9 / Math.max(1, now - lastTick);
        rate = rate == 0 ? instant : 0.5 * rate + 0.5 * instant;
        lastBytes = bytes;
        lastTick = now;
        Long eta = rate > 0 ? (long) Math.ceil((job.bytesTotal - bytes) / rate) : null;
        job.bytesDone = Math.min(bytes, job.bytesTotal);
        job.plan =
            json.write(
                planOf(
                    files,
                    skipped,
                    d.fileBytes(),
                    d.verifiedPaths(),
                    (long) rate,
                    eta,
                    layout,
                    repo));
        if (job.state == InstallState.DOWNLOADING && d.allBytesReceived()) {
          job.moveTo(InstallState.VERIFYING, Instant.now());
        }
        save(job, h, EventTypes.WEIGHTS_INSTALL_PROGRESSED);
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
    job.plan = json.write(planOf(files, skipped, Map.of(), allPaths(files), 0, 0L, layout, repo));
  }

  private void finalizeSnapshot(
      InstallJob job, JobHandle h, RepoId repo, HubCacheLayout layout, List<PlannedFile> files)
      throws IOException {
    move(job, h, InstallState.FINALIZING, null);
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
                    snapshots
                        .upsert(snapshot)
                        .chain(() -> jobs.update(job))
                        .chain(() -> events.install(EventTypes.WEIGHTS_INSTALL_SUCCEEDED, job))));
    if (job.startedAt != null) {
      duration.record(Duration.between(job.startedAt, now));
    }
  }

  private static Set<String> allPaths(List<PlannedFile> files) {
    Set<String> out = new java.util.HashSet<>();
    files.forEach(f -> out.add(f.path()));
    return out;
  }

  private static JobPlan planOf(
      List<PlannedFile> files,
      List<String> skipped,
      Map<String, Long> inFlight,
      Set<String> verified,
      long rate,
      Long eta,
      HubCacheLayout layout,
      RepoId repo) {
    List<JobPlan.FileProgress> out = new ArrayList<>();
    for (PlannedFile f : files) {
      boolean ok = verified.contains(f.path()) || layout.hasBlob(repo, f.blob(), f.size());
      long bytes = ok ? f.size() : inFlight.getOrDefault(f.path(), 0L);
      out.add(new JobPlan.FileProgress(f.path(), f.size(), f.blob(), f.lfs(), bytes, ok));
    }
    return new JobPlan(out, skipped, rate, eta);
  }

  private void move(InstallJob job, JobHandle h, InstallState state, String eventType) {
    checkStop(h);
    if (job.state != state) {
      job.moveTo(state, Instant.now());
    }
    save(job, h, eventType);
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
                    jobs.update(job)
                        .chain(
                            () ->
                                eventType == null
                                    ? io.smallrye.mutiny.Uni.createFrom().voidItem()
                                    : events.install(eventType, job))));
  }
}
