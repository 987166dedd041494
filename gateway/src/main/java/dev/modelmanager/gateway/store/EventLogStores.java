package dev.modelmanager.gateway.store;

import dev.modelmanager.kit.store.StoreSelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The event log store of the active {@code mm.store}. */
@ApplicationScoped
public class EventLogStores {
  @Produces
  @ApplicationScoped
  EventLogStore eventLogStore(
      StoreSelector selector,
      Instance<PostgresEventLogStore> postgres,
      Instance<SqliteEventLogStore> sqlite) {
    return selector.choose(postgres, sqlite);
  }
}
