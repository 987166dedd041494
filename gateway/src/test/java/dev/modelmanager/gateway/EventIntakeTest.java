package dev.modelmanager.gateway;

import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Event intake from a real broker, and the events endpoint over what it logged. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = true)
class EventIntakeTest {
  private static final String TOPIC = "mm.intake-test";

  @Test
  void anEventDeliveredTwiceIsLoggedOnceAndAMalformedRecordDoesNotStopTheIntake() throws Exception {
    String type = uniqueType();
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    produce(
        List.of(
            cloudEvent(first, type, "{\"n\":1}"),
            "this is not a CloudEvent {",
            cloudEvent(first, type, "{\"n\":1}"),
            "{\"specversion\":\"1.0\",\"id\":\"no-type-or-source\"}",
            cloudEvent(second, type, "{\"n\":2}")));

    await().atMost(Duration.ofSeconds(30)).until(() -> ids(type).size() == 2);
    // A late duplicate would show up within a second: the log must stay at these two meanwhile.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> ids(type).equals(List.of(second, first)));
    assertThat(rowsWithId(first)).isEqualTo(1);
    asAdmin()
        .queryParam("type", type)
        .get("/api/v1/events")
        .then()
        .statusCode(200)
        .body("items[1].id", equalTo(first))
        .body("items[1].topic", equalTo(TOPIC))
        .body("items[1].source", equalTo("/test/intake"))
        .body("items[1].subject", equalTo("aggregate-1"))
        .body("items[1].time", equalTo("2025-06-01T10:00:00Z"))
        .body("items[1].data.n", equalTo(1));
  }

  @Test
  void whileTheDatabaseFailsTheIntakeWaitsReportsNotReadyAndLosesNothing() throws Exception {
    String type = uniqueType();
    String id = uuid();
    execute("alter table gateway.event_log rename to event_log_away");
    try {
      produce(List.of(cloudEvent(id, type, "{\"n\":1}")));
      await().atMost(Duration.ofSeconds(30)).until(() -> intakeCheck().equals("DOWN"));
      // Longer than the former ten retries took before the event was skipped.
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> asAdmin().get("/q/health/ready").statusCode() == 503);
    } finally {
      execute("alter table gateway.event_log_away rename to event_log");
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> ids(type).equals(List.of(id)));
    await().atMost(Duration.ofSeconds(30)).until(() -> intakeCheck().equals("UP"));
  }

  @Test
  void eventsArePagedNewestFirstAndFilteredByType() throws Exception {
    String type = uniqueType();
    List<String> ids = List.of(uuid(), uuid(), uuid());
    produce(ids.stream().map(id -> cloudEvent(id, type, "{}")).toList());
    produce(List.of(cloudEvent(uuid(), uniqueType(), "{}")));
    await().atMost(Duration.ofSeconds(30)).until(() -> ids(type).size() == 3);

    JsonPath page1 =
        asAdmin().queryParam("type", type).queryParam("limit", 2).get("/api/v1/events").jsonPath();
    assertThat(page1.getList("items.id", String.class)).containsExactly(ids.get(2), ids.get(1));
    String cursor = page1.getString("nextCursor");
    assertThat(cursor).isNotBlank();

    JsonPath page2 =
        asAdmin()
            .queryParam("type", type)
            .queryParam("limit", 2)
            .queryParam("cursor", cursor)
            .get("/api/v1/events")
            .jsonPath();
    assertThat(page2.getList("items.id", String.class)).containsExactly(ids.get(0));
    assertThat(page2.getString("nextCursor")).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "cursor, drop table",
    "cursor, -1",
    "cursor, 1234567890123456789",
    "limit, 0",
    "limit, 501"
  })
  void badPagingParametersAreValidationProblemsNamingTheField(String field, String value) {
    asAdmin()
        .queryParam(field, value)
        .get("/api/v1/events")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo(field));
  }

  private static List<String> ids(String type) {
    return asAdmin()
        .queryParam("type", type)
        .queryParam("limit", 100)
        .get("/api/v1/events")
        .jsonPath()
        .getList("items.id", String.class);
  }

  private static int rowsWithId(String id) throws Exception {
    PostgresResource.Endpoint pg = PostgresResource.endpoint();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
        PreparedStatement s =
            c.prepareStatement("select count(*) from gateway.event_log where id = ?")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** The event-intake readiness check's status (readiness as a whole is 503 while it is DOWN). */
  private static String intakeCheck() {
    return String.valueOf(
        asAdmin()
            .get("/q/health/ready")
            .jsonPath()
            .getString("checks.find { it.name == 'event-intake' }.status"));
  }

  private static void execute(String sql) throws Exception {
    PostgresResource.Endpoint pg = PostgresResource.endpoint();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
        java.sql.Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void produce(List<String> values) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.broker().bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (String value : values) {
        // Exactly as the services' outbox relay sends them: structured mode, with its content type.
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, "aggregate-1", value);
        record
            .headers()
            .add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
      }
    }
  }

  private static String cloudEvent(String id, String type, String data) {
    return "{\"specversion\":\"1.0\",\"id\":\""
        + id
        + "\",\"source\":\"/test/intake\",\"type\":\""
        + type
        + "\",\"subject\":\"aggregate-1\",\"time\":\"2025-06-01T10:00:00Z\","
        + "\"datacontenttype\":\"application/json\",\"data\":"
        + data
        + "}";
  }

  private static String uniqueType() {
    return "dev.modelmanager.test.intake." + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }
}
