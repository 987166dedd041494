package dev.modelmanager.gateway.audit;

import dev.modelmanager.gateway.store.AuditStore;
import dev.modelmanager.model.api.Page;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The tamper-evident audit trail: records go in through {@link #record} (in the background) or
 * {@link #recordDurably}, and come out as pages, exports and a verification of the whole chain.
 */
@ApplicationScoped
@Startup
public class AuditTrail {
  private static final Logger LOG = Logger.getLogger(AuditTrail.class);
  static final int VERIFY_PAGE = 500;
  static final int EXPORT_PAGE = 500;

  private final AuditStore store;
  private final AuditChain chain;
  private final AuditWriter writer;

  @Inject
  AuditTrail(AuditConfig config, AuditStore store, MeterRegistry registry, Vertx vertx) {
    this(
        store,
        new AuditChain(AuditKeys.load(config)),
        vertx,
        registry,
        config.queueCapacity(),
        config.batchSize(),
        config.maxRetryDelay());
  }

  /** A trail over {@code store} signing with {@code chain}'s keys (tests). */
  public AuditTrail(
      AuditStore store,
      AuditChain chain,
      Vertx vertx,
      MeterRegistry registry,
      int capacity,
      int batchSize,
      Duration maxRetryDelay) {
    this.store = store;
    this.chain = chain;
    this.writer =
        new AuditWriter(store, chain, vertx, registry, capacity, batchSize, maxRetryDelay);
  }

  public AuditKeys keys() {
    return chain.keys();
  }

  /**
   * Queues {@code entry} for the chain and returns at once; never throws. A write failure is
   * logged, counted ({@code mm.audit.write.failures}) and retried.
   */
  public void record(AuditEntry entry) {
    try {
      writer.submit(entry);
    } catch (RuntimeException e) {
      LOG.errorf(e, "could not queue the audit record of %s", entry.action());
    }
  }

  /** Appends {@code entry} and completes once it is in the chain (the event intake waits on it). */
  public Uni<Void> recordDurably(AuditEntry entry) {
    return Uni.createFrom().completionStage(() -> writer.submitAndTrack(entry));
  }

  /** Whether every queued record has been written (tests, shutdown). */
  public boolean idle() {
    return writer.idle();
  }

  /** A page of records, newest first; the cursor is the last {@code seq} of the previous page. */
  public Uni<Page<AuditRecord>> list(AuditQuery query, int limit, Long cursor) {
    return store
        .find(query, cursor, false, limit + 1)
        .map(
            rows -> {
              boolean more = rows.size() > limit;
              List<AuditRecord> items = more ? rows.subList(0, limit) : rows;
              return new Page<>(
                  items, more ? String.valueOf(items.get(items.size() - 1).seq()) : null);
            });
  }

  /** Every record matching {@code query}, oldest first, fetched page by page as it is consumed. */
  public Multi<AuditRecord> export(AuditQuery query) {
    return Multi.createBy()
        .repeating()
        .uni(
            () -> new long[] {0},
            last ->
                store
                    .find(query, last[0], true, EXPORT_PAGE)
                    .invoke(
                        rows -> {
                          if (!rows.isEmpty()) {
                            last[0] = rows.get(rows.size() - 1).seq();
                          }
                        }))
        .until(List::isEmpty)
        .onItem()
        .disjoint();
  }

  /**
   * Walks the chain from the first record up to the head as it stood when the walk began: every
   * record must follow its predecessor without a gap, carry its predecessor's hash, hash to its
   * stored hash and bear a valid signature of the current key; the last one must be the head.
   */
  public Uni<Verification> verify() {
    return store.head().chain(head -> walk(head, 1, AuditChain.GENESIS, 0));
  }

  private Uni<Verification> walk(AuditHead head, long expected, String prevHash, long checked) {
    if (expected > head.lastSeq()) {
      boolean headMatches = expected - 1 == head.lastSeq() && prevHash.equals(head.lastHash());
      return Uni.createFrom()
          .item(
              headMatches
                  ? new Verification(true, checked, null)
                  : new Verification(false, checked, head.lastSeq()));
    }
    return store
        .find(AuditQuery.ALL, expected - 1, true, VERIFY_PAGE)
        .chain(
            rows -> {
              long next = expected;
              String prev = prevHash;
              long count = checked;
              for (AuditRecord r : rows) {
                if (r.seq() > head.lastSeq()) {
                  break;
                }
                count++;
                if (r.seq() != next) {
                  // A record is missing: the chain breaks at the first absent id.
                  return Uni.createFrom().item(new Verification(false, count, next));
                }
                if (!r.prevHash().equals(prev) || !AuditChain.intact(r, keys().publicKey())) {
                  return Uni.createFrom().item(new Verification(false, count, r.seq()));
                }
                prev = r.hash();
                next++;
              }
              if (rows.isEmpty() || next == expected) {
                // Nothing more below the head: the records the head promises are gone.
                return Uni.createFrom().item(new Verification(false, count, next));
              }
              return walk(head, next, prev, count);
            });
  }

  @PreDestroy
  void flush() {
    Instant deadline = Instant.now().plusSeconds(5);
    while (!writer.idle() && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (!writer.idle()) {
      LOG.errorf("stopping with %d audit record(s) not yet written", writer.size());
    }
  }

  /**
   * The result of {@link #verify()}.
   *
   * @param valid whether the whole chain is intact
   * @param checked how many records were examined
   * @param firstBrokenId the {@code seq} of the first record that is altered or missing
   */
  public record Verification(boolean valid, long checked, Long firstBrokenId) {}
}
