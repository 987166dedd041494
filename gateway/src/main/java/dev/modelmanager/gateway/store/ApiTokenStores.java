package dev.modelmanager.gateway.store;

import dev.modelmanager.kit.store.StoreSelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The API token store of the active {@code mm.store}. */
@ApplicationScoped
public class ApiTokenStores {
  @Produces
  @ApplicationScoped
  ApiTokenStore apiTokenStore(
      StoreSelector selector,
      Instance<PostgresApiTokenStore> postgres,
      Instance<SqliteApiTokenStore> sqlite) {
    return selector.choose(postgres, sqlite);
  }
}
