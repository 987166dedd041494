package dev.modelmanager.kit.events;

import dev.modelmanager.kit.store.StoreSelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The outbox and dedupe adapters of the active store. */
@ApplicationScoped
public class EventsWiring {
  @Produces
  @ApplicationScoped
  Outbox outbox(StoreSelector s, Instance<PostgresOutbox> pg, Instance<SqliteOutbox> sqlite) {
    return s.choose(pg, sqlite);
  }

  @Produces
  @ApplicationScoped
  ProcessedEvents processedEvents(
      StoreSelector s,
      Instance<PostgresProcessedEvents> pg,
      Instance<SqliteProcessedEvents> sqlite) {
    return s.choose(pg, sqlite);
  }
}
