package dev.modelmanager.gateway.preferences;

import dev.modelmanager.kit.store.StoreSelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The preferences store of the active {@code mm.store}. */
@ApplicationScoped
public class PreferencesStores {
  @Produces
  @ApplicationScoped
  PreferencesStore preferencesStore(
      StoreSelector selector,
      Instance<PostgresPreferencesStore> postgres,
      Instance<SqlitePreferencesStore> sqlite) {
    return selector.choose(postgres, sqlite);
  }
}
