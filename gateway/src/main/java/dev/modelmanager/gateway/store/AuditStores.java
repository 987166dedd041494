package dev.modelmanager.gateway.store;

import dev.modelmanager.kit.store.StoreSelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The audit store of the active {@code mm.store}. */
@ApplicationScoped
public class AuditStores {
  @Produces
  @ApplicationScoped
  AuditStore auditStore(
      StoreSelector selector,
      Instance<PostgresAuditStore> postgres,
      Instance<SqliteAuditStore> sqlite) {
    return selector.choose(postgres, sqlite);
  }
}
