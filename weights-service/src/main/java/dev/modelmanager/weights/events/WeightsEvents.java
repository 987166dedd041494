package dev.modelmanager.weights.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.kit.events.Outbox;
import dev.modelmanager.kit.events.OutboxMessage;
import dev.modelmanager.model.events.CloudEvent;
import dev.modelmanager.model.events.Topics;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.store.WeightsJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Appends weights events to the outbox; call inside the transaction of the change. */
@ApplicationScoped
public class WeightsEvents {
  static final String SOURCE = "/mm/weights-service";

  private final Outbox outbox;
  private final WeightsJson json;

  WeightsEvents(Outbox outbox, WeightsJson json) {
    this.outbox = outbox;
    this.json = json;
  }

  /** An install event ({@link InstallEventData}, no file list); keyed by the job id. */
  public Uni<Void> install(String type, InstallJob job) {
    String id = job.id.toString();
    JsonNode error = job.error == null ? null : json.tree(json.problem(job.error));
    CloudEvent event =
        CloudEvent.create(SOURCE, type, id, json.tree(InstallEventData.of(job, error)));
    return outbox.append(new OutboxMessage(Topics.WEIGHTS, "install", id, event));
  }

  /** Any other weights event about {@code aggregateType}/{@code aggregateId}. */
  public Uni<Void> emit(String type, String aggregateType, String aggregateId, Object data) {
    CloudEvent event = CloudEvent.create(SOURCE, type, aggregateId, json.tree(data));
    return outbox.append(new OutboxMessage(Topics.WEIGHTS, aggregateType, aggregateId, event));
  }
}
