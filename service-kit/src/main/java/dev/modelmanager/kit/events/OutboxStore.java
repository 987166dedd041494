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
