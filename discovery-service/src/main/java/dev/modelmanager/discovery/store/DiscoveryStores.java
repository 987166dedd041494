package dev.modelmanager.discovery.store;

import dev.modelmanager.kit.store.StoreSelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The discovery stores of the active {@code mm.store}. */
@ApplicationScoped
public class DiscoveryStores {
  @Produces
  @ApplicationScoped
  SearchCacheStore searchCache(
      StoreSelector s,
      Instance<PostgresSearchCacheStore> pg,
      Instance<SqliteSearchCacheStore> sqlite) {
    return s.choose(pg, sqlite);
  }

  @Produces
  @ApplicationScoped
  RefreshLease refreshLease(
      StoreSelector s, Instance<PostgresRefreshLease> pg, Instance<SqliteRefreshLease> sqlite) {
    return s.choose(pg, sqlite);
  }
}
