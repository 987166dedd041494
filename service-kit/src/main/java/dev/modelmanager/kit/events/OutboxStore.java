package dev.modelmanager.kit.events;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * The relay's side of the outbox: read pending rows in order, mark what the broker acknowledged.
 */
public interface OutboxStore {

  /**
   * Publishes up to {@code limit} pending events in id order with {@code publish}, stopping at the
   * first failure, and marks the acknowledged ones. Answers how many were published.
   */
  Uni<Integer> relayBatch(int limit, Function<PendingEvent, Uni<Void>> publish);

  /** The unsent rows: how many, and when the oldest of them was appended. */
  Uni<Backlog> backlog();

  /**
   * The outbox's unsent rows.
   *
   * @param oldest when the oldest unsent row was appended; null when nothing waits
   */
  record Backlog(long pending, java.time.Instant oldest) {
    /** Seconds the oldest unsent row has waited at {@code now}; 0 when nothing waits. */
    public double oldestAgeSeconds(java.time.Instant now) {
      return oldest == null
          ? 0
          : Math.max(0, java.time.Duration.between(oldest, now).toMillis() / 1000.0);
    }
  }

  /** Deletes rows published before {@code cutoff} (never an unpublished one); answers how many. */
  Uni<Integer> deletePublishedBefore(java.time.Instant cutoff);

  /** Publishes one after the other; the answer is the ids acknowledged before any failure. */
  static Uni<List<Long>> publishInOrder(
      List<PendingEvent> pending, Function<PendingEvent, Uni<Void>> publish) {
    List<Long> done = new java.util.ArrayList<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (PendingEvent event : pending) {
      chain = chain.chain(() -> publish.apply(event).invoke(() -> done.add(event.id())));
    }
    return chain
        .onFailure()
        .invoke(
            e ->
                OutboxRelay.LOG.warnf(
                    "publish stopped after %d events: %s", done.size(), e.toString()))
        .onFailure()
        .recoverWithNull()
        .map(ignored -> done);
  }
}
