package dev.modelmanager.kit.events;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends structured-mode CloudEvents to Kafka; the answer completes when the broker acknowledges.
 */
@ApplicationScoped
public class EventPublisher {
  static final String CHANNEL = "mm-events";

  private final MutinyEmitter<String> emitter;

  EventPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
    this.emitter = emitter;
  }

  public Uni<Void> publish(PendingEvent event) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(event.topic())
            .withKey(event.key())
            .withHeaders(headers)
            .build();
    return emitter.sendMessage(Message.of(event.payload()).addMetadata(metadata));
  }
}
