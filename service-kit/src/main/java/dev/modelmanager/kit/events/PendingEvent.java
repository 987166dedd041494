package dev.modelmanager.kit.events;

/** An outbox row not yet acknowledged by Kafka. */
public record PendingEvent(long id, String topic, String key, String payload) {}
