package dev.modelmanager.deploy.store;

import dev.modelmanager.kit.store.StoreSelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The revision store of the active {@code mm.store}. */
@ApplicationScoped
public class RevisionStores {
  @Produces
  @ApplicationScoped
  RevisionStore revisionStore(
      StoreSelector selector,
      Instance<PostgresRevisionStore> postgres,
      Instance<SqliteRevisionStore> sqlite) {
    return selector.choose(postgres, sqlite);
  }
}
