package dev.modelmanager.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.model.events.Topics;
import dev.modelmanager.testkit.kafka.KafkaBroker;
import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The outbox against a real broker: events of a reload made while the broker is down are delivered
 * once it is back, each exactly once and in order per aggregate.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(
    value = CatalogRepoResource.class,
    initArgs = @ResourceArg(name = "name", value = "outbox"),
    restrictToAnnotatedClass = true)
class OutboxDeliveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void eventsWrittenWhileTheBrokerIsDownAreDeliveredOnceItReturns() throws Exception {
    GitCatalogFixture repo = CatalogRepoResource.fixture("outbox");
    KafkaBroker broker = KafkaResource.broker();

    repo.commit(
        "first",
        Map.of(
            "models/a.yaml",
            GitCatalogFixture.entry("a", "org/a"),
            "models/b.yaml",
            GitCatalogFixture.entry("b", "org/b")));
    given().post("/api/v1/catalog/reload").then().statusCode(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> unpublished() == 0);

    broker.stop();
    try {
      Map<String, String> change = new HashMap<>();
      change.put("models/a.yaml", GitCatalogFixture.entry("a", "org/a-v2"));
      change.put("models/b.yaml", null);
      change.put("models/c.yaml", GitCatalogFixture.entry("c", "org/c"));
      repo.commit("second", change);
      // The state change commits although Kafka is unreachable; its events wait in the outbox.
      given().post("/api/v1/catalog/reload").then().statusCode(200);
      // They stay there while the broker is down (held for 1.5 s, not merely seen once).
      await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(10))
          .until(() -> unpublished() == 4);
    } finally {
      broker.start();
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> unpublished() == 0);
    List<String> expected = outboxEventIdsInOrder();
    assertThat(expected).hasSize(7);

    // Other test classes share the broker and topic: keep only this application's events.
    Map<String, List<String>> delivered = consumeAll(broker, expected);
    List<String> allDelivered = delivered.values().stream().flatMap(List::stream).toList();
    assertThat(allDelivered)
        .as("each event exactly once")
        .containsExactlyInAnyOrderElementsOf(expected);
    // Per aggregate (Kafka key) the topic order is the outbox order.
    for (List<String> perKey : delivered.values()) {
      assertThat(perKey).isEqualTo(expected.stream().filter(perKey::contains).toList());
    }
  }

  private static Map<String, List<String>> consumeAll(KafkaBroker broker, List<String> ours)
      throws Exception {
    int expected = ours.size();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      TopicPartition tp = new TopicPartition(Topics.CATALOG, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.currentTimeMillis() + 30_000;
      int seen = 0;
      // Read until nothing more arrives for a while, so duplicates would be seen too.
      long quietSince = System.currentTimeMillis();
      while (System.currentTimeMillis() < deadline
          && (seen < expected || System.currentTimeMillis() - quietSince < 2000)) {
        var records = consumer.poll(Duration.ofMillis(250));
        if (!records.isEmpty()) {
          quietSince = System.currentTimeMillis();
        }
        for (ConsumerRecord<String, String> r : records) {
          JsonNode event = JSON.readTree(r.value());
          assertThat(event.get("specversion").asText()).isEqualTo("1.0");
          assertThat(event.get("subject").asText()).isEqualTo(r.key());
          String id = event.get("id").asText();
          if (ours.contains(id)) {
            byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(id);
            seen++;
          }
        }
      }
    }
    return byKey;
  }

  private static int unpublished() throws SQLException {
    try (Connection c = connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery("select count(*) from catalog.outbox where published_at is null")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static List<String> outboxEventIdsInOrder() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = connect();
        ResultSet rs =
            c.createStatement().executeQuery("select event_id from catalog.outbox order by id")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private static Connection connect() throws SQLException {
    PostgresResource.Endpoint e = PostgresResource.endpoint();
    return DriverManager.getConnection(e.jdbcUrl(), e.user(), "");
  }
}
