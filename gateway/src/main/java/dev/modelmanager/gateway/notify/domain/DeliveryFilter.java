package dev.modelmanager.gateway.notify.domain;

/** Which deliveries a list shows; null fields do not filter. */
public record DeliveryFilter(
    String channelId, DeliveryStatus status, String eventId, String eventType) {}
