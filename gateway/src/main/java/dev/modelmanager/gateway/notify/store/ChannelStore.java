package dev.modelmanager.gateway.notify.store;

import dev.modelmanager.gateway.notify.domain.Channel;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** Notification channels; both adapters pass NotifyStoreContractTest. */
public interface ChannelStore {
  Uni<Void> insert(Channel channel);

  /** The channel, or null. */
  Uni<Channel> find(String id);

  /** Every channel, by name. */
  Uni<List<Channel>> list();

  /** Replaces the channel's fields (its secret too); answers whether it existed. */
  Uni<Boolean> update(Channel channel);

  /** Deletes the channel and its deliveries; answers whether it existed. */
  Uni<Boolean> delete(String id);
}
