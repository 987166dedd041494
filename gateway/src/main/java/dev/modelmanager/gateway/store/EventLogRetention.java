package dev.modelmanager.gateway.store;

import dev.modelmanager.gateway.config.GatewayConfig;
import dev.modelmanager.kit.events.RetentionTask;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Deletes events older than {@code mm.gateway.event-log.retention}, on the kit's schedule. */
@ApplicationScoped
public class EventLogRetention implements RetentionTask {
  private final EventLogStore store;
  private final GatewayConfig config;

  EventLogRetention(EventLogStore store, GatewayConfig config) {
    this.store = store;
    this.config = config;
  }

  @Override
  public String name() {
    return "event_log";
  }

  @Override
  public Uni<Integer> purge(Instant now) {
    return store.deleteReceivedBefore(now.minus(config.eventLog().retention()));
  }
}
