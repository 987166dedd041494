package dev.modelmanager.weights.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.kit.hf.HubClient;
import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.model.problem.ProblemType;
import dev.modelmanager.weights.domain.ByteRange;
import dev.modelmanager.weights.domain.DownloadPlanner;
import dev.modelmanager.weights.domain.HubPath;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.PlannedFile;
import dev.modelmanager.weights.domain.TreeEntry;
import dev.modelmanager.weights.hubcache.HubCacheLayout;
import dev.modelmanager.weights.hubcache.StorageLocations;
import dev.modelmanager.weights.hubcache.StorageLocations.StorageLocation;
import dev.modelmanager.weights.store.BlobHoldStore;
import dev.modelmanager.weights.store.DiskReservationStore;
import dev.modelmanager.weights.store.PartStore;
import dev.modelmanager.weights.store.WeightsJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * RESOLVING of an install: the commit, the tree, the plan and the admission on disk. Admission
 * counts only bytes that are verified (persisted parts), never the length of a sparse {@code
 * .incomplete} file, and subtracts what the other open installs on the location reserved, whichever
 * replica runs them (the reservations are rows of the shared database).
 */
@ApplicationScoped
class InstallResolver {
  private final HubClient hub;
  private final StorageLocations locations;
  private final PartStore parts;
  private final DiskReservationStore reservations;
  private final Transactor tx;
  private final BlobHoldStore holds;
  private final WeightsJson json;

  InstallResolver(
      HubClient hub,
      StorageLocations locations,
      PartStore parts,
      DiskReservationStore reservations,
      Transactor tx,
      BlobHoldStore holds,
      WeightsJson json) {
    this.hub = hub;
    this.locations = locations;
    this.parts = parts;
    this.reservations = reservations;
    this.tx = tx;
    this.holds = holds;
    this.json = json;
  }

  /** The commit the job installs: fixed when it was queued, else resolved now. */
  String commit(InstallJob job, RepoId repo) {
    if (job.commit != null) {
      return job.commit;
    }
    return commitOf(repo, job.revision);
  }

  /** The commit {@code revision} (branch, tag or sha) of {@code repo} points to now. */
  String commitOf(RepoId repo, String revision) {
    JsonNode info = Blocking.await(() -> hub.modelInfo(repo, revision, List.of()));
    String commit = info.path("sha").asText(null);
    if (!HubPath.isCommit(commit)) {
      throw new ProblemException(
          ProblemType.UPSTREAM_UNAVAILABLE, "The Hub gave no commit for " + repo + "@" + revision);
    }
    return commit.toLowerCase();
  }

  /** The files to install at {@code commit} after the job's include/exclude patterns. */
  DownloadPlanner.Plan plan(InstallJob job, RepoId repo, String commit) {
    DownloadPlanner.Plan plan = planAt(repo, commit, job.include, job.exclude);
    if (plan.files().isEmpty()) {
      throw ProblemException.badRequest(
          "No file of " + repo + "@" + job.revision + " matches the include/exclude patterns");
    }
    return plan;
  }

  /**
   * The planner's answer for the tree at {@code commit}: what the install (or its preview) does.
   */
  DownloadPlanner.Plan planAt(
      RepoId repo, String commit, List<String> include, List<String> exclude) {
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
    return DownloadPlanner.plan(entries, include, exclude);
  }

  /** Keeps delete and purge off the blobs this install counts on, until it ends. */
  void hold(InstallJob job, List<PlannedFile> files) {
    List<String> blobs = files.stream().map(PlannedFile::blob).distinct().toList();
    Blocking.await(() -> tx.inTransaction(() -> holds.hold(job.id, job.location, job.repo, blobs)));
  }

  /** The files planned when the job was resolved (a resumed job does not ask the Hub again). */
  List<PlannedFile> planned(InstallJob job) {
    return json.plan(job).files().stream()
        .map(f -> new PlannedFile(HubPath.validate(f.path()), f.size(), f.blob(), f.lfs()))
        .toList();
  }

  /** The files whose blob is not verified yet, each blob once. */
  List<PlannedFile> missing(HubCacheLayout layout, RepoId repo, List<PlannedFile> files) {
    List<PlannedFile> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (PlannedFile f : files) {
      if (seen.add(f.blob()) && !layout.hasBlob(repo, f.blob(), f.size())) {
        out.add(f);
      }
    }
    return out;
  }

  /** Bytes of {@code files} already verified in blobs/, counting each blob once. */
  long presentBytes(HubCacheLayout layout, RepoId repo, List<PlannedFile> files) {
    long present = 0;
    Set<String> seen = new HashSet<>();
    for (PlannedFile f : files) {
      if (seen.add(f.blob()) && layout.hasBlob(repo, f.blob(), f.size())) {
        present += f.size();
      }
    }
    return present;
  }

  /**
   * Reserves the bytes the job still has to write on its location, or refuses with
   * INSUFFICIENT_STORAGE. Persisted parts count as written; a {@code .incomplete} file's length
   * does not (it is sparse: parts are written at their offsets). The reservation commits in one
   * transaction with {@code jobSave} (the job's own conditional save), under the store's
   * per-location lock.
   */
  void admit(
      InstallJob job,
      StorageLocation location,
      RepoId repo,
      List<PlannedFile> files,
      Supplier<Uni<Void>> jobSave) {
    long missing = missingBytes(location, repo, files);
    long free = locations.usage(location).freeBytes();
    long need = missing;
    DiskReservationStore.Admission admission =
        Blocking.await(
            () ->
                tx.inTransaction(
                    () ->
                        jobSave
                            .get()
                            .chain(
                                () ->
                                    reservations.reserve(
                                        location.name(),
                                        job.id,
                                        need,
                                        free - location.headroomBytes()))));
    if (!admission.admitted()) {
      throw new ProblemException(
          ProblemType.INSUFFICIENT_STORAGE,
          insufficientDetail(
              location.name(),
              free,
              admission.reservedByOthers(),
              missing,
              location.headroomBytes()));
    }
  }

  /**
   * Bytes the install still has to write on {@code location}: each blob once, without verified
   * blobs and without the persisted parts of an interrupted download.
   */
  long missingBytes(StorageLocation location, RepoId repo, List<PlannedFile> files) {
    HubCacheLayout layout = location.layout();
    long missing = 0;
    Set<String> seen = new HashSet<>();
    for (PlannedFile f : files) {
      if (!seen.add(f.blob()) || layout.hasBlob(repo, f.blob(), f.size())) {
        continue;
      }
      missing += Math.max(0, f.size() - verifiedPartBytes(location.name(), f));
    }
    return missing;
  }

  /** The INSUFFICIENT_STORAGE detail, the same words for the admission and its preview. */
  static String insufficientDetail(
      String location, long free, long reservedByOthers, long missing, long headroom) {
    return String.format(
        "Location '%s' has %d bytes free (%d reserved by running installs); the install"
            + " needs %d bytes missing plus %d headroom",
        location, free, reservedByOthers, missing, headroom);
  }

  private long verifiedPartBytes(String location, PlannedFile f) {
    List<ByteRange> done = Blocking.await(() -> parts.done(location, f.blob()));
    return ByteRange.covered(done, 0, f.size());
  }
}
