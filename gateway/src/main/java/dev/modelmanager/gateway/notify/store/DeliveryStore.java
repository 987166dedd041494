package dev.modelmanager.gateway.notify.store;

import dev.modelmanager.gateway.domain.LoggedEvent;
import dev.modelmanager.gateway.notify.domain.Delivery;
import dev.modelmanager.gateway.notify.domain.DeliveryFilter;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/** Deliveries, and the dispatcher's position in the event log; both adapters pass the contract. */
public interface DeliveryStore {
  /**
   * Queues a delivery unless one exists for its (channel, event); answers whether it was queued.
   * Joins the caller's transaction.
   */
  Uni<Boolean> enqueue(Delivery delivery);

  /**
   * For each channel, its oldest pending delivery (by event position) if due at {@code now}: the
   * head of each channel's queue, so a channel's events go out in order.
   */
  Uni<List<Delivery>> dueHeads(Instant now, int limit);

  /**
   * A channel's pending deliveries after the event position {@code afterEventSeq}, oldest first:
   * the rest of its queue behind the head, sent in the same round when the head got through.
   */
  Uni<List<Delivery>> pendingAfter(String channelId, long afterEventSeq, int limit);

  /**
   * Stores the outcome of an attempt or a requeue (status, attempts, times, last answer) of {@code
   * from}, only if the row still stands as {@code from} read it (same status and attempts): a late
   * outcome never overwrites a newer state (a redeliver, another replica's attempt). Answers
   * whether it was stored. Joins the caller's transaction.
   */
  Uni<Boolean> save(Delivery delivery, Delivery from);

  /**
   * Claims a digest channel's queued deliveries for the digest {@code digestId}, oldest event
   * first, at most {@code limit}: every pending one that no live claim holds (never claimed, or
   * claimed by a digest that failed or whose lease ran out before {@code now}). One conditional
   * update, so of two replicas claiming at once each delivery goes to one; the claim is a lease
   * until {@code leaseUntil} (the next attempt time), after which a replica that died mid-send is
   * replaced. Answers the claimed deliveries. Joins the caller's transaction.
   */
  Uni<List<Delivery>> claimDigest(
      String channelId, String digestId, Instant now, Instant leaseUntil, int limit);

  /**
   * Marks the deliveries still claimed by {@code digestId} delivered; answers how many. Those
   * another claim took over meanwhile (the lease ran out) are left alone.
   */
  Uni<Integer> digestDelivered(String digestId, Integer statusCode, long latencyMs, Instant at);

  /**
   * Releases the deliveries still claimed by {@code digestId} after a failed send, counting the
   * attempt: due again at {@code nextAttempt}, or dead-lettered once they reach {@code maxAttempts}
   * attempts. Answers how many were released.
   */
  Uni<Integer> digestFailed(
      String digestId, String error, long latencyMs, Instant nextAttempt, int maxAttempts);

  /** The delivery, or null. */
  Uni<Delivery> find(String id);

  /** Deliveries newest first, below {@code beforeSeq} when given. */
  Uni<List<Delivery>> newestFirst(DeliveryFilter filter, Long beforeSeq, int limit);

  /** The stored position of a named reader of the event log, or null before its first save. */
  Uni<Long> cursor(String name);

  /** Stores a reader's position; joins the caller's transaction. */
  Uni<Void> saveCursor(String name, long seq);

  /** Events of the log after {@code seq}, oldest first. */
  Uni<List<LoggedEvent>> eventsAfter(long seq, int limit);

  /** The highest position in the event log, 0 when it is empty. */
  Uni<Long> lastEventSeq();
}
