package dev.modelmanager.weights.service;

import dev.modelmanager.weights.config.WeightsConfig;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.store.InstallJobStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.time.Instant;
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
 * Claims install jobs for this replica ({@code FOR UPDATE SKIP LOCKED} on Postgres) under a lease,
 * renews the lease while a job runs and watches for cancel requests. A replica that dies stops
 * renewing; once the lease expires another replica claims the job and resumes it from its persisted
 * parts.
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
  private ExecutorService jobThreads;

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
    long poll = config.pollInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS);
    LOG.infof("install runner %s started", replicaId);
  }

  void onStop(@Observes ShutdownEvent event) {
    // Stop transfers and hand the leases back, so another replica resumes without waiting.
    running.values().forEach(JobHandle::abandon);
    for (UUID id : running.keySet()) {
      try {
        Blocking.await(() -> jobs.release(id, replicaId));
      } catch (RuntimeException e) {
        LOG.infof("install %s: lease not released (%s); it expires", id, e.toString());
      }
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
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
      while (running.size() < config.maxConcurrent()) {
        Instant now = Instant.now();
        Optional<InstallJob> claimed =
            Blocking.await(() -> jobs.claim(replicaId, now, now.plus(config.lease())));
        if (claimed.isEmpty()) {
          return;
        }
        start(claimed.get());
      }
    } catch (RuntimeException e) {
      LOG.warnf("claiming install jobs failed: %s", e.toString());
    }
  }

  private void start(InstallJob job) {
    JobHandle handle = new JobHandle(job.id);
    running.put(job.id, handle);
    long beat = config.heartbeat().toMillis();
    ScheduledFuture<?> heartbeat =
        scheduler.scheduleWithFixedDelay(
            () -> heartbeat(job, handle), beat, beat, TimeUnit.MILLISECONDS);
    LOG.infof("install %s (%s@%s) claimed in state %s", job.id, job.repo, job.revision, job.state);
    jobThreads.execute(
        () -> {
          try {
            executor.run(job, handle);
          } finally {
            heartbeat.cancel(false);
            running.remove(job.id);
          }
        });
  }

  private void heartbeat(InstallJob job, JobHandle handle) {
    if (handle.abandoned() || job.state.terminal()) {
      return;
    }
    try {
      Instant lease = Instant.now().plus(config.lease());
      Optional<Boolean> cancel = Blocking.await(() -> jobs.heartbeat(job.id, replicaId, lease));
      if (cancel.isEmpty()) {
        LOG.warnf("install %s: lease lost, stopping here", job.id);
        handle.abandon();
      } else {
        job.leaseUntil = lease;
        if (cancel.get() && !handle.cancelled()) {
          handle.cancel();
        }
      }
    } catch (RuntimeException e) {
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
