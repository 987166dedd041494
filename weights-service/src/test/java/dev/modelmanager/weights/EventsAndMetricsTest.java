package dev.modelmanager.weights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.model.events.Topics;
import dev.modelmanager.testkit.kafka.KafkaResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** CloudEvents on mm.weights through the outbox and a real broker; Prometheus metrics. */
@QuarkusTest
@TestProfile(WeightsTestProfile.class)
class EventsAndMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anInstallAnnouncesCreatedProgressAndSuccessInOrder() {
    String id = Installs.start("{\"repo\": \"mm-test/kafka\"}");
    assertThat(
            Installs.awaitState(id, Duration.ofSeconds(60), "SUCCEEDED", "FAILED")
                .getString("state"))
        .isEqualTo("SUCCEEDED");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> types(id).contains("dev.modelmanager.weights.install.succeeded"));
    List<String> types = types(id);
    assertThat(types.get(0)).isEqualTo("dev.modelmanager.weights.install.created");
    assertThat(types.get(types.size() - 1)).isEqualTo("dev.modelmanager.weights.install.succeeded");
    List<JsonNode> all = events(id);
    assertThat(all)
        .as("events carry no file list; the job resource has it")
        .allSatisfy(e -> assertThat(e.path("data").has("progress")).isFalse());
    List<JsonNode> progressed =
        all.stream().filter(e -> e.path("type").asText().endsWith(".progressed")).toList();
    // Every change of state is announced (the gateway signs each into the job's history) ...
    assertThat(progressed)
        .extracting(e -> e.path("data").path("state").asText())
        .containsSubsequence("RESOLVING", "DOWNLOADING", "FINALIZING");
    // ... and within one state, at most one progress event per interval.
    for (int i = 1; i < progressed.size(); i++) {
      JsonNode before = progressed.get(i - 1);
      JsonNode after = progressed.get(i);
      if (before.path("data").path("state").equals(after.path("data").path("state"))) {
        assertThat(
                Duration.between(
                    java.time.Instant.parse(before.path("time").asText()),
                    java.time.Instant.parse(after.path("time").asText())))
            .as("at most one progress event per interval in one state")
            .isGreaterThanOrEqualTo(Duration.ofMillis(900));
      }
    }
    JsonNode last = all.get(all.size() - 1);
    assertThat(last.path("source").asText()).isEqualTo("/mm/weights-service");
    assertThat(last.path("data").path("commit").asText()).hasSize(40);
    // Who asked: the internal token's subject; "local" here, where tests call without tokens.
    assertThat(all)
        .as("every install event names the actor who started it")
        .allSatisfy(e -> assertThat(e.path("data").path("actor").asText()).isEqualTo("local"));
    assertThat(Installs.get(id).getString("requestedBy")).isEqualTo("local");
  }

  @Test
  void aLocationOverItsThresholdRaisesAnEvent() {
    await().atMost(Duration.ofSeconds(30)).until(() -> !events("tiny").isEmpty());
    JsonNode e = events("tiny").get(0);
    assertThat(e.path("type").asText()).isEqualTo("dev.modelmanager.weights.storage.threshold");
    assertThat(e.path("data").path("level").asText()).isEqualTo("WARN");
  }

  @Test
  void metricsAreExported() {
    String id =
        Installs.start(
            "{\"repo\": \"mm-test/small\", \"location\": \"second\", \"include\": [\"config.json\"], \"overwrite\": true}");
    Installs.awaitState(id, Duration.ofSeconds(60), "SUCCEEDED", "FAILED");
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("mm_weights_storage_used_bytes{location=\"main\"}")
        .contains("mm_weights_storage_capacity_bytes{location=\"second\"}")
        .contains("mm_weights_installs{state=\"SUCCEEDED\"}")
        .contains("mm_weights_install_duration_seconds_count")
        .contains("mm_weights_downloaded_bytes_total")
        .contains("mm_weights_checksum_failures_total")
        .contains("mm_weights_queue_oldest_age_seconds ")
        .contains("mm_outbox_pending_events ")
        .contains("mm_outbox_oldest_pending_age_seconds ");
  }

  private static List<String> types(String subject) {
    return events(subject).stream().map(e -> e.path("type").asText()).toList();
  }

  /** The events on {@code mm.weights} keyed {@code subject}, in order. */
  static List<JsonNode> events(String subject) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.broker().bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<JsonNode> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      TopicPartition tp = new TopicPartition(Topics.WEIGHTS, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      long deadline = System.currentTimeMillis() + 10_000;
      while (consumer.position(tp) < end && System.currentTimeMillis() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          if (subject.equals(r.key())) {
            out.add(JSON.readTree(r.value()));
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("reading " + Topics.WEIGHTS, e);
    }
    return out;
  }
}
