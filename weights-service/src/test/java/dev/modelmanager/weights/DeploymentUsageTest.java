package dev.modelmanager.weights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.model.events.Topics;
import dev.modelmanager.testkit.kafka.KafkaResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * deploy-service's weights usage events over the real broker: a serving snapshot is in use, cannot
 * be deleted or purged, and becomes deletable once the deployment lets go.
 */
@QuarkusTest
@TestProfile(WeightsTestProfile.class)
class DeploymentUsageTest {
  private static final Duration MINUTE = Duration.ofSeconds(60);
  private static final String LOCATION = "second";

  @Test
  void aServingSnapshotIsInUseAndCannotBeDeletedUntilTheDeploymentLetsGo() throws Exception {
    String repo = "mm-test/in-use";
    String commit = install(repo);
    String id = (String) listed(repo).get("id");
    String chat = "chat-" + UUID.randomUUID().toString().substring(0, 8);
    produce(
        chat,
        List.of(
            event(UUID.randomUUID().toString(), chat, repo, commit, true, Instant.now()),
            // Another deployment event on the same topic is none of weights-service's business.
            otherDeployEvent(chat)));

    await().atMost(MINUTE).untilAsserted(() -> assertThat(inUse(repo)).isTrue());
    assertThat(usedBy(repo)).containsExactly(chat);
    given()
        .delete("/api/v1/weights/" + id)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString(chat));
    JsonPath plan =
        given()
            .contentType(ContentType.JSON)
            .body(
                "{\"policy\": \"lru\", \"targetFreeBytes\": 9223372036854775807, \"location\": \""
                    + LOCATION
                    + "\"}")
            .post("/api/v1/weights/purge")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(plan.getList("snapshots.repo", String.class)).doesNotContain(repo);

    produce(
        chat,
        List.of(event(UUID.randomUUID().toString(), chat, repo, commit, false, Instant.now())));
    await().atMost(MINUTE).untilAsserted(() -> assertThat(inUse(repo)).isFalse());
    given().delete("/api/v1/weights/" + id).then().statusCode(200);
  }

  @Test
  void aRedeliveredEventIsAppliedOnce() throws Exception {
    String repo = "mm-test/in-use-again";
    String commit = install(repo);
    String used = UUID.randomUUID().toString();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String chat = "chat-" + run;
    String marker = "marker-" + run;
    Instant start = Instant.now();
    produce(
        chat,
        List.of(
            event(used, chat, repo, commit, true, start),
            event(UUID.randomUUID().toString(), chat, repo, commit, false, start.plusMillis(1)),
            // The first event again, as a relay retry or a replay would send it.
            event(used, chat, repo, commit, true, start),
            // A marker behind it on the same partition: once it shows, the replay was seen.
            event(UUID.randomUUID().toString(), marker, repo, commit, true, start.plusMillis(2))));

    await().atMost(MINUTE).untilAsserted(() -> assertThat(usedBy(repo)).contains(marker));
    assertThat(usedBy(repo)).as("the replayed event was skipped").containsExactly(marker);
  }

  private static String install(String repo) {
    String job = Installs.start("{\"repo\": \"" + repo + "\", \"location\": \"" + LOCATION + "\"}");
    JsonPath done = Installs.awaitState(job, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
    return done.getString("commit");
  }

  /** The snapshot of {@code repo} as the inventory list shows it. */
  private static Map<String, Object> listed(String repo) {
    return given()
        .get("/api/v1/weights?q=" + repo + "&location=" + LOCATION)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("items.find { it.repo == '" + repo + "' }");
  }

  private static boolean inUse(String repo) {
    return (Boolean) listed(repo).get("inUse");
  }

  @SuppressWarnings("unchecked")
  private static List<String> usedBy(String repo) {
    return (List<String>) listed(repo).get("usedBy");
  }

  private static String event(
      String id, String deployment, String repo, String commit, boolean inUse, Instant time) {
    return "{\"specversion\":\"1.0\",\"id\":\""
        + id
        + "\",\"source\":\"/mm/deploy-service\",\"type\":\""
        + EventTypes.DEPLOY_WEIGHTS_USAGE
        + "\",\"subject\":\""
        + deployment
        + "\",\"time\":\""
        + time
        + "\",\"datacontenttype\":\"application/json\",\"data\":{\"deployment\":\""
        + deployment
        + "\",\"location\":\""
        + LOCATION
        + "\",\"repo\":\""
        + repo
        + "\",\"commit\":\""
        + commit
        + "\",\"inUse\":"
        + inUse
        + "}}";
  }

  private static String otherDeployEvent(String deployment) {
    return "{\"specversion\":\"1.0\",\"id\":\""
        + UUID.randomUUID()
        + "\",\"source\":\"/mm/deploy-service\",\"type\":\""
        + EventTypes.DEPLOY_DEPLOYMENT_HEALTH_CHANGED
        + "\",\"subject\":\""
        + deployment
        + "\",\"data\":{\"deployment\":\""
        + deployment
        + "\",\"revision\":1,\"health\":\"Ready\"}}";
  }

  /** Sends as the outbox relay does: structured CloudEvents keyed by deployment. */
  private static void produce(String key, List<String> values) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.broker().bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (String value : values) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DEPLOY, key, value);
        record
            .headers()
            .add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
      }
    }
  }
}
