package dev.modelmanager.weights.engine;

import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.weights.domain.JobPlan;
import dev.modelmanager.weights.domain.PlannedFile;
import dev.modelmanager.weights.hubcache.HubCacheLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The progress of one running download: the smoothed rate, the ETA, the per-file plan saved with
 * the job, and when the next progress event is due (at most one per job per interval).
 */
final class JobProgress {
  private final Duration eventInterval;
  private long lastBytes;
  private long lastTick = System.nanoTime();
  private long lastEvent;
  private double rate;

  JobProgress(long bytesDone, Duration eventInterval) {
    this.lastBytes = bytesDone;
    this.eventInterval = eventInterval;
    this.lastEvent = System.nanoTime();
  }

  /** Feeds the bytes now on disk; answers the smoothed rate in bytes per second. */
  long tick(long bytes) {
    long now = System.nanoTime();
    double instant = (bytes - lastBytes) * 1e9 / Math.max(1, now - lastTick);
    rate = rate == 0 ? instant : 0.5 * rate + 0.5 * instant;
    lastBytes = bytes;
    lastTick = now;
    return (long) rate;
  }

  /** Seconds left at the current rate, null when unknown. */
  Long eta(long bytesTotal, long bytes) {
    return rate > 0 ? (long) Math.ceil((bytesTotal - bytes) / rate) : null;
  }

  /**
   * Whether a progress event is due: {@code stateChanged} (a change of state is always announced)
   * or a full interval since the last one; if so, the next one waits a full interval.
   */
  boolean eventDue(boolean stateChanged) {
    long now = System.nanoTime();
    if (stateChanged || now - lastEvent >= eventInterval.toNanos()) {
      lastEvent = now;
      return true;
    }
    return false;
  }

  static Set<String> allPaths(List<PlannedFile> files) {
    Set<String> out = new HashSet<>();
    files.forEach(f -> out.add(f.path()));
    return out;
  }

  static JobPlan planOf(
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
}
