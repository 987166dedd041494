package dev.modelmanager.kit.store;

import dev.modelmanager.kit.config.KitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Picks an adapter by {@code mm.store}. Adapters are {@code @Typed} to their own class so only the
 * chosen one is ever created; the Postgres beans are never touched when SQLite is active.
 */
@ApplicationScoped
public class StoreSelector {
  private final KitConfig config;

  StoreSelector(KitConfig config) {
    this.config = config;
  }

  public boolean sqlite() {
    return config.store() == KitConfig.StoreKind.SQLITE;
  }

  /** The Postgres or the SQLite adapter, whichever store is active. */
  public <T> T choose(Instance<? extends T> postgres, Instance<? extends T> sqlite) {
    return sqlite() ? sqlite.get() : postgres.get();
  }

  @Produces
  @ApplicationScoped
  Transactor transactor(Instance<PostgresTransactor> postgres, Instance<SqliteTransactor> sqlite) {
    return choose(postgres, sqlite);
  }
}
