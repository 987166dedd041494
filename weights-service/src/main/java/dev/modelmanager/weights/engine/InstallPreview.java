package dev.modelmanager.weights.engine;

import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.weights.domain.DownloadPlanner;
import dev.modelmanager.weights.domain.DownloadPlanner.SkippedFile;
import dev.modelmanager.weights.domain.HubPath;
import dev.modelmanager.weights.domain.InstallOrder;
import dev.modelmanager.weights.domain.PlannedFile;
import dev.modelmanager.weights.hubcache.HubCacheLayout;
import dev.modelmanager.weights.hubcache.StorageLocations;
import dev.modelmanager.weights.hubcache.StorageLocations.StorageLocation;
import dev.modelmanager.weights.store.DiskReservationStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The dry run of an install: what the job would fetch, skip and find already present, and whether
 * its admission would pass, computed by the same resolver, planner and byte counts the job runs
 * ({@link InstallResolver}), without queuing anything or reserving space. Blocking: call it from a
 * worker thread.
 */
@ApplicationScoped
public class InstallPreview {

  /** What happens to one file of the tree. */
  public enum Action {
    /** Fetched from the Hub. */
    DOWNLOAD,
    /** Planned, and its blob is already verified on the location. */
    PRESENT,
    /** A weight format vLLM does not load (another format of the same weights is fetched). */
    SKIP_DUPLICATE,
    /** Left out by the include/exclude patterns. */
    EXCLUDED
  }

  /** One file with its size, the action and, for a skip, the reason. */
  public record FileAction(String path, long size, Action action, String reason) {}

  /**
   * The preview.
   *
   * @param refusalStatus 400 (no file matches the patterns) or 507 (not enough space) when the
   *     install would be refused, else null
   */
  public record Preview(
      String repo,
      String revision,
      String commit,
      String location,
      List<FileAction> files,
      long bytesPlanned,
      long bytesToDownload,
      long bytesPresent,
      long freeBytes,
      long headroomBytes,
      long reservedByOthers,
      boolean fits,
      Integer refusalStatus,
      String refusalDetail) {}

  private final InstallResolver resolver;
  private final StorageLocations locations;
  private final DiskReservationStore reservations;

  InstallPreview(
      InstallResolver resolver, StorageLocations locations, DiskReservationStore reservations) {
    this.resolver = resolver;
    this.locations = locations;
    this.reservations = reservations;
  }

  /** Plans {@code order} as its job would when it starts now. */
  public Preview preview(InstallOrder order) {
    StorageLocation location =
        order.location() == null ? locations.first() : locations.get(order.location());
    RepoId repo = RepoId.parse(order.repo());
    String commit = resolver.commitOf(repo, order.revision());
    DownloadPlanner.Plan plan;
    try {
      plan = resolver.planAt(repo, commit, order.include(), order.exclude());
    } catch (HubPath.UnsafePathException e) {
      // The job fails with this 400 too: one hostile name in the tree rejects the whole install.
      throw ProblemException.badRequest(e.getMessage());
    }
    HubCacheLayout layout = location.layout();
    List<FileAction> files = new ArrayList<>();
    for (PlannedFile f : plan.files()) {
      boolean present = layout.hasBlob(repo, f.blob(), f.size());
      files.add(
          new FileAction(f.path(), f.size(), present ? Action.PRESENT : Action.DOWNLOAD, null));
    }
    for (SkippedFile s : plan.skippedFiles()) {
      Action action =
          s.reason() == DownloadPlanner.SkipReason.DUPLICATE
              ? Action.SKIP_DUPLICATE
              : Action.EXCLUDED;
      files.add(new FileAction(s.path(), s.size(), action, s.detail()));
    }
    long missing = resolver.missingBytes(location, repo, plan.files());
    long present = resolver.presentBytes(layout, repo, plan.files());
    long free = locations.usage(location).freeBytes();
    long reserved = Blocking.await(() -> reservations.reserved(location.name()));
    // The admission's rule: the others' reservations plus this job's missing bytes must fit in
    // the free space less the location's headroom.
    boolean fits = reserved + missing <= free - location.headroomBytes();
    Integer status = null;
    String detail = null;
    if (plan.files().isEmpty()) {
      status = 400;
      detail =
          "No file of " + repo + "@" + order.revision() + " matches the include/exclude patterns";
    } else if (!fits) {
      status = 507;
      detail =
          InstallResolver.insufficientDetail(
              location.name(), free, reserved, missing, location.headroomBytes());
    }
    return new Preview(
        repo.toString(),
        order.revision(),
        commit,
        location.name(),
        List.copyOf(files),
        plan.totalBytes(),
        missing,
        present,
        free,
        location.headroomBytes(),
        reserved,
        fits,
        status,
        detail);
  }
}
