package dev.modelmanager.kit.events;

import io.smallrye.mutiny.Uni;

/**
 * Appends events to the outbox table inside the caller's transaction (never publishes directly).
 */
public interface Outbox {
  Uni<Void> append(OutboxMessage message);
}
