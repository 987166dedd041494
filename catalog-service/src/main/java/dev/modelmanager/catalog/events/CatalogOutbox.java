package dev.modelmanager.catalog.events;

import dev.modelmanager.kit.events.EventJson;
import dev.modelmanager.kit.events.Outbox;
import dev.modelmanager.kit.events.OutboxMessage;
import dev.modelmanager.model.events.CloudEvent;
import dev.modelmanager.model.events.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Appends the catalog's CloudEvents to the outbox, in the caller's transaction. */
@ApplicationScoped
public class CatalogOutbox {
  public static final String SOURCE = "/mm/catalog-service";

  private final Outbox outbox;
  private final EventJson json;

  CatalogOutbox(Outbox outbox, EventJson json) {
    this.outbox = outbox;
    this.json = json;
  }

  /**
   * @param aggregateType {@code catalog}, {@code catalog-entry} or {@code catalog-pull-request}
   * @param aggregateId the Kafka key: events of one aggregate stay in order
   */
  public Uni<Void> append(String aggregateType, String aggregateId, String eventType, Object data) {
    CloudEvent event = CloudEvent.create(SOURCE, eventType, aggregateId, json.tree(data));
    return outbox.append(new OutboxMessage(Topics.CATALOG, aggregateType, aggregateId, event));
  }
}
