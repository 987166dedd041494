package dev.modelmanager.kit.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Persists outbox rows through the current Hibernate Reactive session (the caller's transaction).
 */
@ApplicationScoped
@Typed(PostgresOutbox.class)
public class PostgresOutbox implements Outbox {
  private final EventJson json;

  PostgresOutbox(EventJson json) {
    this.json = json;
  }

  @Override
  public Uni<Void> append(OutboxMessage message) {
    OutboxRecord row = new OutboxRecord();
    row.eventId = UUID.fromString(message.event().id());
    row.topic = message.topic();
    row.aggregateType = message.aggregateType();
    row.aggregateId = message.aggregateId();
    row.eventType = message.event().type();
    row.payload = json.write(message.event());
    row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    return row.persist().replaceWithVoid();
  }
}
