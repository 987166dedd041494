package dev.modelmanager.kit.events;

import dev.modelmanager.model.events.CloudEvent;

/** An event to publish once the transaction that produced it commits. */
public record OutboxMessage(
    String topic, String aggregateType, String aggregateId, CloudEvent event) {}
