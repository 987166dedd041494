package dev.modelmanager.weights.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Storage locations, download engine and job runner settings ({@code mm.weights.*}). */
@ConfigMapping(prefix = "mm.weights")
public interface WeightsConfig {

  /** Storage locations in order; the first is the default of an install. */
  List<Location> locations();

  /** Free space every install leaves untouched on a location (unless it sets its own). */
  @WithDefault("1073741824")
  long headroomBytes();

  Download download();

  Jobs jobs();

  Reconcile reconcile();

  Stale stale();

  /** A mounted volume laid out as a Hugging Face hub cache. */
  interface Location {
    /** Name used in the API ({@code [a-z0-9-]}). */
    String name();

    /** Mount path inside the container, e.g. {@code /models}. */
    String path();

    /** The PersistentVolumeClaim mounted there, for deployments that mount the same volume. */
    Optional<String> pvcName();

    /** Usage percentage that raises a warning event. */
    @WithDefault("80")
    double warnPercent();

    /** Usage percentage that raises a critical event. */
    @WithDefault("90")
    double criticalPercent();

    /** Headroom of this location, overriding {@code mm.weights.headroom-bytes}. */
    Optional<Long> headroomBytes();
  }

  /** The download engine. */
  interface Download {
    /** Connections open at once across all jobs of this replica. */
    @WithDefault("8")
    int concurrency();

    /** A large file is split into about this many ranged parts. */
    @WithDefault("16")
    int partsPerFile();

    @WithDefault("8388608")
    long minPartBytes();

    @WithDefault("536870912")
    long maxPartBytes();

    /** A transfer that receives nothing for this long is restarted from where it stopped. */
    @WithDefault("30s")
    Duration stallTimeout();

    /** Attempts of one part (429/5xx/stall/connection loss) before the job fails. */
    @WithDefault("8")
    int maxAttempts();

    @WithDefault("1048576")
    int bufferBytes();

    /**
     * fsync each part before recording it. Off (the default), a process crash loses nothing (the
     * page cache survives it) and a host crash may leave a recorded part unwritten, which
     * verification catches: the file is fetched again. Verified blobs are always synced before they
     * are published.
     */
    @WithDefault("false")
    boolean syncParts();
  }

  /** The job runner: claim, lease and heartbeat. */
  interface Jobs {
    /** Jobs this replica runs at once. */
    @WithDefault("2")
    int maxConcurrent();

    /** How often idle runners look for queued or abandoned jobs. */
    @WithDefault("1s")
    Duration pollInterval();

    /** A job whose lease is not renewed for this long is taken over by another replica. */
    @WithDefault("20s")
    Duration lease();

    /** How often a running job renews its lease and looks for a cancel request. */
    @WithDefault("1s")
    Duration heartbeat();

    /** Progress is saved at most this often. */
    @WithDefault("1s")
    Duration progressInterval();

    /** A progress event is announced at most this often per job (saves stay more frequent). */
    @WithDefault("5s")
    Duration progressEventInterval();

    /**
     * A job whose replica died this many times while running it (its lease expired) fails with that
     * reason instead of taking down the next replica too.
     */
    @WithDefault("3")
    int maxCrashes();

    /** Turns the runner off on this replica (API only). */
    @WithDefault("true")
    boolean enabled();
  }

  /** The disk/database reconciler. */
  interface Reconcile {
    @WithDefault("10m")
    Duration interval();
  }

  /**
   * The stale-weights report: snapshots not accessed for {@code max-age-days} and not in use are
   * purge candidates; they are deleted only when {@code auto-purge} is on (pinned ones never).
   */
  interface Stale {
    @WithDefault("6h")
    Duration interval();

    /** The first report after start-up. */
    @WithDefault("1m")
    Duration delay();

    @WithDefault("30")
    int maxAgeDays();

    @WithDefault("false")
    boolean autoPurge();
  }
}
