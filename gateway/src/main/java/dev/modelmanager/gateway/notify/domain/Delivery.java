package dev.modelmanager.gateway.notify.domain;

import java.time.Instant;

/**
 * One event to one channel: the unit of at-least-once delivery, unique per (channel, event).
 *
 * @param seq position in the delivery log (assigned on insert; null before)
 * @param eventSeq the event's position in the event log; a channel's deliveries go out in this
 *     order
 * @param payload the CloudEvent as structured JSON, exactly as a webhook receives it
 */
public record Delivery(
    Long seq,
    String id,
    String channelId,
    String eventId,
    long eventSeq,
    String eventType,
    String payload,
    DeliveryStatus status,
    int attempts,
    Instant nextAttemptAt,
    Integer lastStatusCode,
    String lastError,
    Long latencyMs,
    Instant createdAt,
    Instant deliveredAt) {

  /** This delivery after an attempt. */
  public Delivery attempted(
      DeliveryStatus status,
      Instant nextAttemptAt,
      Integer statusCode,
      String error,
      long latencyMs,
      Instant deliveredAt) {
    return new Delivery(
        seq,
        id,
        channelId,
        eventId,
        eventSeq,
        eventType,
        payload,
        status,
        attempts + 1,
        nextAttemptAt,
        statusCode,
        error,
        latencyMs,
        createdAt,
        deliveredAt);
  }

  /** This delivery queued again: pending, due now, its attempts counted afresh. */
  public Delivery requeued(Instant now) {
    return new Delivery(
        seq,
        id,
        channelId,
        eventId,
        eventSeq,
        eventType,
        payload,
        DeliveryStatus.PENDING,
        0,
        now,
        lastStatusCode,
        lastError,
        latencyMs,
        createdAt,
        null);
  }
}
