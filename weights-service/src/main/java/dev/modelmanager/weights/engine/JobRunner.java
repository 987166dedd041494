package dev.modelmanager.weights.engine;

import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.weights.config.WeightsConfig;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.store.InstallJobStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Claims install jobs for this replica ({@code FOR UPDATE SKIP LOCKED} on Postgres) under a lease
 * on the database clock, renews the lease from a dedicated heartbeat thread and watches for cancel
 * requests. Each claim carries a fencing token (the lease epoch) that every write of the job is
 * conditional on. A replica whose heartbeats fail stops its worker before the lease can expire
 * (each heartbeat waits a bounded time); once it expired another replica claims the job and resumes
 * it from its persisted parts, and the old claim can no longer write.
 */
@ApplicationScoped
public class JobRunner {
  private static final Logger LOG = Logger.getLogger(JobRunner.class);

  private final WeightsConfig.Jobs config;
  private final InstallJobStore jobs;
  private final InstallExecutor executor;
  private final String replicaId;
  private final Map<UUID, JobHandle> running = new ConcurrentHashMap<>();
  private volatile ScheduledExecutorService scheduler;
  private ScheduledExecutorService heartbeats;
  private ExecutorService jobThreads;
  private volatile boolean pausedForTest;

  JobRunner(WeightsConfig config, InstallJobStore jobs, InstallExecutor executor) {
    this.config = config.jobs();
    this.jobs = jobs;
    this.executor = executor;
    this.replicaId = hostname() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    AtomicInteger n = new AtomicInteger();
    scheduler =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "weights-runner-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    jobThreads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "weights-job-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "weights-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long poll = config.pollInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS);
    LOG.infof("install runner %s started", replicaId);
  }

  void onStop(@Observes ShutdownEvent event) {
    // Stop transfers and hand the leases back, so another replica resumes without waiting.
    running.values().forEach(JobHandle::abandon);
    for (JobHandle h : running.values()) {
      UUID id = h.id;
      try {
        Blocking.await(() -> jobs.release(id, replicaId, h.epoch));
      } catch (RuntimeException e) {
        LOG.infof("install %s: lease not released (%s); it expires", id, e.toString());
      }
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
      heartbeats.shutdownNow();
      jobThreads.shutdownNow();
    }
  }

  public String replicaId() {
    return replicaId;
  }

  /** Asks the job to stop at once when it runs here; answers whether it did. */
  public boolean cancelLocally(UUID id) {
    JobHandle h = running.get(id);
    if (h != null) {
      h.cancel();
      return true;
    }
    return false;
  }

  /**
   * Whether this replica still acts for the job: it runs here and was not abandoned (a lost or
   * possibly expired lease aborts its transfers and fences its writes at once; its threads may take
   * a moment longer to leave).
   */
  public boolean actsFor(UUID id) {
    JobHandle h = running.get(id);
    return h != null && !h.abandoned();
  }

  /** When this replica gives the job up unless a heartbeat renews its lease; empty if not here. */
  public java.util.Optional<java.time.Instant> givesUpAt(UUID id) {
    JobHandle h = running.get(id);
    return h == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            java.time.Instant.now().plusNanos(h.leaseHeldUntil() - System.nanoTime()));
  }

  /** Whether a job runs in this replica. */
  public boolean runsHere(UUID id) {
    return running.containsKey(id);
  }

  /**
   * Drops every running job without writing anything, as a killed process would: used to prove that
   * another claim resumes from persisted state.
   */
  public void abandonAllForCrashTest() {
    running.values().forEach(JobHandle::abandon);
  }

  /**
   * Stops claiming and renewing leases, as a replica cut off from its database would: its running
   * jobs must stop on their own before their leases expire. Tests only.
   */
  public void pauseForTest(boolean paused) {
    pausedForTest = paused;
  }

  /** Looks for claimable jobs now rather than at the next poll (a job was just queued here). */
  public void wake() {
    ScheduledExecutorService s = scheduler;
    if (s != null && !s.isShutdown()) {
      s.execute(this::poll);
    }
  }

  // One claim loop at a time, so concurrent wakes never run more than maxConcurrent jobs.
  private synchronized void poll() {
    try {
      while (running.size() < config.maxConcurrent() && !pausedForTest) {
        long sentAt = System.nanoTime();
        Optional<InstallJob> claimed = Blocking.await(() -> jobs.claim(replicaId, config.lease()));
        if (claimed.isEmpty()) {
          return;
        }
        start(claimed.get(), sentAt);
      }
    } catch (RuntimeException e) {
      LOG.warnf("claiming install jobs failed: %s", e.toString());
    }
  }

  private void start(InstallJob job, long claimSentAt) {
    JobHandle handle = new JobHandle(job.id, replicaId, job.leaseEpoch, heldUntil(claimSentAt));
    running.put(job.id, handle);
    long beat = config.heartbeat().toMillis();
    ScheduledFuture<?> heartbeat =
        heartbeats.scheduleWithFixedDelay(
            () -> heartbeat(job, handle), beat, beat, TimeUnit.MILLISECONDS);
    LOG.infof(
        "install %s (%s@%s) claimed in state %s, epoch %d",
        job.id, job.repo, job.revision, job.state, job.leaseEpoch);
    jobThreads.execute(
        () -> {
          try {
            if (job.crashes >= config.maxCrashes()) {
              executor.failPoisoned(job, handle, config.maxCrashes());
            } else {
              executor.run(job, handle);
            }
          } finally {
            heartbeat.cancel(false);
            running.remove(job.id);
          }
        });
  }

  /**
   * Until when a lease renewed by a request sent at {@code sentAt} surely holds: the database
   * started it no earlier than that, and a margin covers clock rate differences and the time a
   * worker needs to notice.
   */
  private long heldUntil(long sentAt) {
    long lease = config.lease().toNanos();
    long margin = Math.max(2 * config.heartbeat().toNanos(), lease / 3);
    return sentAt + lease - margin;
  }

  private void heartbeat(InstallJob job, JobHandle handle) {
    if (handle.abandoned() || job.state.terminal() || pausedForTest) {
      return;
    }
    long sentAt = System.nanoTime();
    // Bounded: a database that hangs must not keep this thread past the point of abandoning.
    Duration bound =
        config.heartbeat().multipliedBy(2).compareTo(config.lease().dividedBy(4)) < 0
            ? config.heartbeat().multipliedBy(2)
            : config.lease().dividedBy(4);
    try {
      Optional<Boolean> cancel =
          Blocking.await(
              () ->
                  jobs.heartbeat(job.id, replicaId, handle.epoch, config.lease())
                      .ifNoItem()
                      .after(bound)
                      .fail());
      if (cancel.isEmpty()) {
        LOG.warnf("install %s: lease lost, stopping here", job.id);
        handle.abandon();
      } else {
        handle.leaseRenewed(heldUntil(sentAt));
        if (cancel.get() && !handle.cancelled()) {
          handle.cancel();
        }
      }
    } catch (RuntimeException e) {
      // handle.abandoned() stops the worker once the lease may have run out.
      LOG.warnf("install %s: heartbeat failed: %s", job.id, e.toString());
    }
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "weights";
    }
  }
}
