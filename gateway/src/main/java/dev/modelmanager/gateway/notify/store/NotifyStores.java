package dev.modelmanager.gateway.notify.store;

import dev.modelmanager.kit.store.StoreSelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The notification stores of the active {@code mm.store}. */
@ApplicationScoped
public class NotifyStores {
  @Produces
  @ApplicationScoped
  ChannelStore channelStore(
      StoreSelector selector,
      Instance<PostgresChannelStore> postgres,
      Instance<SqliteChannelStore> sqlite) {
    return selector.choose(postgres, sqlite);
  }

  @Produces
  @ApplicationScoped
  DeliveryStore deliveryStore(
      StoreSelector selector,
      Instance<PostgresDeliveryStore> postgres,
      Instance<SqliteDeliveryStore> sqlite) {
    return selector.choose(postgres, sqlite);
  }
}
