package dev.modelmanager.gateway.notify.api;

import dev.modelmanager.gateway.notify.domain.Delivery;
import dev.modelmanager.gateway.notify.domain.DeliveryStatus;
import java.time.Instant;

/** A delivery of the log (the payload itself is the event: {@code GET /api/v1/events}). */
public record DeliveryView(
    String id,
    String channelId,
    String eventId,
    String eventType,
    DeliveryStatus status,
    int attempts,
    Integer lastStatusCode,
    String lastError,
    Long latencyMs,
    Instant createdAt,
    Instant nextAttemptAt,
    Instant deliveredAt) {

  static DeliveryView of(Delivery d) {
    return new DeliveryView(
        d.id(),
        d.channelId(),
        d.eventId(),
        d.eventType(),
        d.status(),
        d.attempts(),
        d.lastStatusCode(),
        d.lastError(),
        d.latencyMs(),
        d.createdAt(),
        d.status() == DeliveryStatus.PENDING ? d.nextAttemptAt() : null,
        d.deliveredAt());
  }
}
