package dev.modelmanager.gateway.audit;

import dev.modelmanager.gateway.store.AuditStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Appends entries in the background, never on the caller's path: one batch at a time per process
 * (the store serialises across processes), in arrival order. A failed batch stays at the head of
 * the queue and is retried with a growing delay, so a database outage delays records but does not
 * lose them; only a full queue drops new ones (logged, counted in {@code
 * mm.audit.records.dropped}).
 */
final class AuditWriter {
  private static final Logger LOG = Logger.getLogger(AuditWriter.class);
  private static final long FIRST_RETRY_MS = 100;

  private record Pending(AuditEntry entry, CompletableFuture<Void> done) {}

  private final AuditStore store;
  private final AuditChain chain;
  private final Vertx vertx;
  private final int capacity;
  private final int batchSize;
  private final long maxRetryMs;
  private final Counter written;
  private final Counter failures;
  private final Counter dropped;

  private final Deque<Pending> queue = new ArrayDeque<>();
  private boolean busy;
  private int failedAttempts;

  AuditWriter(
      AuditStore store,
      AuditChain chain,
      Vertx vertx,
      MeterRegistry registry,
      int capacity,
      int batchSize,
      Duration maxRetryDelay) {
    this.store = store;
    this.chain = chain;
    this.vertx = vertx;
    this.capacity = capacity;
    this.batchSize = batchSize;
    this.maxRetryMs = Math.max(FIRST_RETRY_MS, maxRetryDelay.toMillis());
    this.written = registry.counter("mm.audit.records.written");
    this.failures = registry.counter("mm.audit.write.failures");
    this.dropped = registry.counter("mm.audit.records.dropped");
    Gauge.builder("mm.audit.queue.size", this, AuditWriter::size).register(registry);
  }

  /** Queues {@code entry}; returns at once. */
  void submit(AuditEntry entry) {
    enqueue(new Pending(entry, null));
  }

  /** Queues {@code entry}; the stage completes once it is in the chain. */
  CompletableFuture<Void> submitAndTrack(AuditEntry entry) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue(new Pending(entry, done));
    return done;
  }

  /** Entries waiting, the batch being written included. */
  synchronized int size() {
    return queue.size();
  }

  synchronized boolean idle() {
    return queue.isEmpty() && !busy;
  }

  private void enqueue(Pending p) {
    synchronized (this) {
      if (queue.size() >= capacity) {
        dropped.increment();
        LOG.errorf(
            "audit queue full (%d): dropped the record of %s by %s",
            capacity, p.entry().action(), p.entry().actor().subject());
        if (p.done() != null) {
          p.done().completeExceptionally(new IllegalStateException("the audit queue is full"));
        }
        return;
      }
      queue.addLast(p);
    }
    drain();
  }

  private void drain() {
    List<Pending> batch = new ArrayList<>();
    synchronized (this) {
      if (busy || queue.isEmpty()) {
        return;
      }
      busy = true;
      // Peek, do not remove: the batch leaves the queue only once it is written.
      for (Pending p : queue) {
        if (batch.size() == batchSize) {
          break;
        }
        batch.add(p);
      }
    }
    List<AuditEntry> entries = batch.stream().map(Pending::entry).toList();
    store
        .append(entries, chain)
        .subscribe()
        .with(
            records -> {
              synchronized (this) {
                for (int i = 0; i < batch.size(); i++) {
                  queue.removeFirst();
                }
                busy = false;
                failedAttempts = 0;
              }
              written.increment(records.size());
              batch.stream().filter(p -> p.done() != null).forEach(p -> p.done().complete(null));
              drain();
            },
            failure -> {
              long delay;
              synchronized (this) {
                failedAttempts++;
                delay = Math.min(maxRetryMs, FIRST_RETRY_MS << Math.min(failedAttempts, 16));
              }
              failures.increment();
              LOG.errorf(
                  "writing %d audit record(s) failed (attempt %d), retrying in %d ms: %s",
                  batch.size(), failedAttempts, delay, failure.toString());
              vertx.setTimer(
                  delay,
                  id -> {
                    synchronized (this) {
                      busy = false;
                    }
                    drain();
                  });
            });
  }
}
