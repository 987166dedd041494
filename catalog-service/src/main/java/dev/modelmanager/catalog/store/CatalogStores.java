package dev.modelmanager.catalog.store;

import dev.modelmanager.kit.store.StoreSelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The catalog store of the active {@code mm.store}. */
@ApplicationScoped
public class CatalogStores {
  @Produces
  @ApplicationScoped
  CatalogStore catalogStore(
      StoreSelector selector,
      Instance<PostgresCatalogStore> postgres,
      Instance<SqliteCatalogStore> sqlite) {
    return selector.choose(postgres, sqlite);
  }

  @Produces
  @ApplicationScoped
  PullRequestStore pullRequestStore(
      StoreSelector selector,
      Instance<PostgresPullRequestStore> postgres,
      Instance<SqlitePullRequestStore> sqlite) {
    return selector.choose(postgres, sqlite);
  }
}
