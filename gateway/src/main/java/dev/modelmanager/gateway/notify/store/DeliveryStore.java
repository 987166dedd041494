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
   * Stores the outcome of an attempt or a requeue (status, attempts, times, last answer) of {@code
   * from}, only if the row still stands as {@code from} read it (same status and attempts): a late
   * outcome never overwrites a newer state (a redeliver, another replica's attempt). Answers
   * whether it was stored. Joins the caller's transaction.
   */
  Uni<Boolean> save(Delivery delivery, Delivery from);

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
