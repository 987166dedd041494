package dev.modelmanager.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.model.events.Topics;
import dev.modelmanager.testkit.kafka.KafkaResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads deploy-service's CloudEvents from the real broker's {@code mm.deploy} topic. */
final class DeployEventsReader implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final KafkaConsumer<String, String> consumer;
  private final List<JsonNode> seen = new ArrayList<>();

  DeployEventsReader() {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.broker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "deploy-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of(Topics.DEPLOY));
  }

  /** Every event read so far for {@code deployment} (the Kafka key), polling once more first. */
  List<JsonNode> of(String deployment) {
    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
      try {
        JsonNode event = JSON.readTree(r.value());
        ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("_key", r.key());
        seen.add(event);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return seen.stream().filter(e -> deployment.equals(e.path("_key").asText())).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
