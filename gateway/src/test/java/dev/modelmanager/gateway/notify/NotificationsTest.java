package dev.modelmanager.gateway.notify;

import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.testkit.kafka.KafkaResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Notifications end to end: events produced on Kafka, logged by the intake, fanned out to the
 * subscribed channels and delivered to real receivers (HTTP on 127.0.0.1, GreenMail for SMTP).
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
public class NotificationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Receiver RECEIVER = new Receiver();
  private static final String INSTALL_SUCCEEDED = "dev.modelmanager.weights.install.succeeded";

  @AfterAll
  static void close() {
    RECEIVER.close();
  }

  @Test
  void oneInstallSendsExactlyOneMessagePerSubscribedChannelSignedSlackAndEmail() throws Exception {
    String model = "org/model-" + uuid8();
    String mail = "ops-" + uuid8() + "@example.com";
    JsonPath webhook =
        create(
            "webhook",
            RECEIVER.url("/hook-" + model.hashCode()),
            List.of("dev.modelmanager.weights.install.*"),
            model);
    String secret = webhook.getString("secret");
    assertThat(secret).startsWith("whsec_");
    create("slack", RECEIVER.url("/slack-" + model.hashCode()), List.of(INSTALL_SUCCEEDED), model);
    create("email", mail, List.of("dev.modelmanager.weights.*"), model);
    // Subscribed to something else: must receive nothing.
    create(
        "webhook",
        RECEIVER.url("/other-" + model.hashCode()),
        List.of("dev.modelmanager.catalog.*"),
        model);

    String eventId = UUID.randomUUID().toString();
    String event = installEvent(eventId, INSTALL_SUCCEEDED, model);
    // Kafka delivers it twice (a redelivery after a rebalance): still one message per channel.
    produce("mm.weights", List.of(event, event));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                RECEIVER.requests("/hook-" + model.hashCode()).size() == 1
                    && RECEIVER.requests("/slack-" + model.hashCode()).size() == 1
                    && messagesTo(mail).size() == 1);
    // A late duplicate would arrive within a second or two.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                RECEIVER.requests("/hook-" + model.hashCode()).size() == 1
                    && RECEIVER.requests("/slack-" + model.hashCode()).size() == 1
                    && messagesTo(mail).size() == 1);
    assertThat(RECEIVER.requests("/other-" + model.hashCode())).isEmpty();

    // The webhook: the CloudEvent, signed per Standard Webhooks (checked independently).
    Receiver.Request hook = RECEIVER.requests("/hook-" + model.hashCode()).get(0);
    new StandardWebhooksVerifier(secret)
        .verify(
            hook.body(),
            hook.header("webhook-id"),
            hook.header("webhook-timestamp"),
            hook.header("webhook-signature"));
    assertThat(hook.header("webhook-id")).isEqualTo(eventId);
    assertThat(hook.header("content-type")).startsWith("application/cloudevents+json");
    JsonNode body = JSON.readTree(hook.body());
    assertThat(body.path("id").asText()).isEqualTo(eventId);
    assertThat(body.path("type").asText()).isEqualTo(INSTALL_SUCCEEDED);
    assertThat(body.path("data").path("model").asText()).isEqualTo(model);
    // A tampered body fails the same verification.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new StandardWebhooksVerifier(secret)
                    .verify(
                        hook.body().replace(model, "org/other"),
                        hook.header("webhook-id"),
                        hook.header("webhook-timestamp"),
                        hook.header("webhook-signature")))
        .isInstanceOf(SecurityException.class);

    // Slack: Block Kit with what, who, outcome and a link to the UI.
    JsonNode slack = JSON.readTree(RECEIVER.requests("/slack-" + model.hashCode()).get(0).body());
    assertThat(slack.path("text").asText()).contains(model);
    JsonNode blocks = slack.path("blocks");
    assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
    assertThat(blocks.get(0).path("text").path("text").asText())
        .isEqualTo("Weights install succeeded");
    String fields = blocks.get(1).path("fields").toString();
    assertThat(fields).contains(model + "@abc1234").contains("alice").contains("succeeded");
    JsonNode button = blocks.get(2).path("elements").get(0);
    assertThat(button.path("url").asText()).startsWith("https://mm.example.com/weights/");

    // Email: text and HTML parts through a real SMTP server.
    MimeMessage m = messagesTo(mail).get(0);
    assertThat(m.getSubject()).contains("Weights install succeeded").contains(model);
    String raw = new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(m))
        .contains("text/plain")
        .contains("text/html");
    assertThat(raw).isNotNull();

    // The delivery log: one delivered row per subscribed channel, none for the other.
    JsonPath log =
        asAdmin().queryParam("eventId", eventId).get("/api/v1/notifications/deliveries").jsonPath();
    assertThat(log.getList("items.status", String.class))
        .containsExactly("delivered", "delivered", "delivered");
    assertThat(log.getList("items.attempts", Integer.class)).containsOnly(1);
  }

  @Test
  void aReceiverDownForAWhileGetsTheEventOnceAfterRetriesHonouringRetryAfter() throws Exception {
    String model = "org/flaky-" + uuid8();
    String path = "/flaky-" + uuid8();
    JsonPath ch = create("webhook", RECEIVER.url(path), List.of(INSTALL_SUCCEEDED), model);
    RECEIVER.script(
        path,
        new Receiver.Answer(503, Map.of("Retry-After", "1")),
        new Receiver.Answer(502, Map.of()));
    String eventId = UUID.randomUUID().toString();
    produce("mm.weights", List.of(installEvent(eventId, INSTALL_SUCCEEDED, model)));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> delivery(eventId, "status").equals("delivered"));
    List<Receiver.Request> got = RECEIVER.requests(path);
    assertThat(got).extracting(Receiver.Request::answeredWith).containsExactly(503, 502, 200);
    // Retry-After: 1 held the second attempt back by at least a second.
    long first = Long.parseLong(got.get(0).header("webhook-timestamp"));
    long second = Long.parseLong(got.get(1).header("webhook-timestamp"));
    assertThat(second - first).isGreaterThanOrEqualTo(1);
    assertThat(got).extracting(r -> r.header("webhook-id")).containsOnly(eventId);
    String secret = ch.getString("secret");
    Receiver.Request ok = got.get(2);
    new StandardWebhooksVerifier(secret)
        .verify(
            ok.body(),
            ok.header("webhook-id"),
            ok.header("webhook-timestamp"),
            ok.header("webhook-signature"));
    assertThat(delivery(eventId, "attempts")).isEqualTo("3");
    assertThat(delivery(eventId, "lastStatusCode")).isEqualTo("200");
  }

  @Test
  void aReceiverAnswering4xxIsDeadLetteredAfterNAttemptsAndCanBeRedelivered() throws Exception {
    String model = "org/refused-" + uuid8();
    String path = "/refused-" + uuid8();
    JsonPath ch = create("webhook", RECEIVER.url(path), List.of(INSTALL_SUCCEEDED), model);
    Receiver.Answer bad = new Receiver.Answer(400, Map.of());
    Receiver.Answer[] fourBad = new Receiver.Answer[NotifyTestProfile.MAX_ATTEMPTS];
    Arrays.fill(fourBad, bad);
    RECEIVER.script(path, fourBad);
    String eventId = UUID.randomUUID().toString();
    produce("mm.weights", List.of(installEvent(eventId, INSTALL_SUCCEEDED, model)));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> delivery(eventId, "status").equals("dead_letter"));
    assertThat(delivery(eventId, "attempts"))
        .isEqualTo(String.valueOf(NotifyTestProfile.MAX_ATTEMPTS));
    assertThat(delivery(eventId, "lastStatusCode")).isEqualTo("400");
    assertThat(delivery(eventId, "lastError")).startsWith("HTTP 400");
    assertThat(RECEIVER.requests(path)).hasSize(NotifyTestProfile.MAX_ATTEMPTS);
    asAdmin()
        .get("/q/metrics")
        .then()
        .body(
            org.hamcrest.Matchers.containsString(
                "mm_gateway_notification_deliveries_total{channel=\"webhook\",outcome=\"dead_letter\"}"));

    String deliveryId = delivery(eventId, "id");
    asAdmin()
        .post("/api/v1/notifications/deliveries/{id}/redeliver", deliveryId)
        .then()
        .statusCode(202)
        .body("status", equalTo("pending"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> delivery(eventId, "status").equals("delivered"));
    assertThat(RECEIVER.requests(path)).hasSize(NotifyTestProfile.MAX_ATTEMPTS + 1);
    asAdmin()
        .queryParam("channelId", ch.getString("id"))
        .queryParam("status", "delivered")
        .get("/api/v1/notifications/deliveries")
        .then()
        .statusCode(200)
        .body("items.eventId", hasItem(eventId));
  }

  @Test
  void aChannelGetsItsEventsInOrderEvenWhenTheFirstNeedsRetries() throws Exception {
    String model = "org/ordered-" + uuid8();
    String path = "/ordered-" + uuid8();
    create("webhook", RECEIVER.url(path), List.of("dev.modelmanager.weights.install.*"), model);
    RECEIVER.script(path, new Receiver.Answer(500, Map.of()), new Receiver.Answer(500, Map.of()));
    List<String> ids = List.of(uuid(), uuid(), uuid(), uuid(), uuid());
    produce(
        "mm.weights",
        ids.stream()
            .map(id -> installEvent(id, "dev.modelmanager.weights.install.progressed", model))
            .toList());

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                RECEIVER.requests(path).stream().filter(r -> r.answeredWith() == 200).count() == 5);
    List<String> delivered =
        RECEIVER.requests(path).stream()
            .filter(r -> r.answeredWith() == 200)
            .map(r -> r.header("webhook-id"))
            .toList();
    assertThat(delivered).containsExactlyElementsOf(ids);
  }

  @Test
  void filtersAndMinimumSeverityDecideWhatAChannelGets() throws Exception {
    String model = "org/severity-" + uuid8();
    String path = "/severity-" + uuid8();
    asAdmin()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "sev-" + uuid8(),
                "type",
                "webhook",
                "target",
                RECEIVER.url(path),
                "events",
                List.of("*"),
                "minSeverity",
                "warning",
                "filters",
                Map.of("model", model)))
        .post("/api/v1/notifications/channels")
        .then()
        .statusCode(201);
    String ok = uuid();
    String failed = uuid();
    String otherModel = uuid();
    produce(
        "mm.weights",
        List.of(
            installEvent(ok, INSTALL_SUCCEEDED, model),
            installEvent(failed, "dev.modelmanager.weights.install.failed", model),
            installEvent(otherModel, "dev.modelmanager.weights.install.failed", "org/else")));
    await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.requests(path).size() == 1);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> RECEIVER.requests(path).size() == 1);
    assertThat(RECEIVER.requests(path).get(0).header("webhook-id")).isEqualTo(failed);
  }

  @Test
  void theTestEndpointSendsASignedTestMessageAndReportsTheAnswer() throws Exception {
    String path = "/test-" + uuid8();
    JsonPath ch = create("webhook", RECEIVER.url(path), List.of("*"), "org/none-" + uuid8());
    asAdmin()
        .post("/api/v1/notifications/channels/{id}/test", ch.getString("id"))
        .then()
        .statusCode(200)
        .body("delivered", equalTo(true))
        .body("statusCode", equalTo(200));
    Receiver.Request r = RECEIVER.requests(path).get(0);
    new StandardWebhooksVerifier(ch.getString("secret"))
        .verify(
            r.body(),
            r.header("webhook-id"),
            r.header("webhook-timestamp"),
            r.header("webhook-signature"));
    assertThat(JSON.readTree(r.body()).path("type").asText())
        .isEqualTo("dev.modelmanager.gateway.notification.test");

    RECEIVER.script(path, new Receiver.Answer(410, Map.of()));
    asAdmin()
        .post("/api/v1/notifications/channels/{id}/test", ch.getString("id"))
        .then()
        .statusCode(200)
        .body("delivered", equalTo(false))
        .body("statusCode", equalTo(410))
        .body("error", startsWith("HTTP 410"));
  }

  @Test
  void channelsAreCreatedReadReplacedAndDeletedAndTheSecretIsShownOnce() {
    String name = "crud-" + uuid8();
    JsonPath created =
        create(name, "webhook", RECEIVER.url("/crud"), List.of("dev.modelmanager.deploy.*"), null);
    String id = created.getString("id");
    assertThat(created.getString("secret")).matches("whsec_[A-Za-z0-9+/=]{40,}");
    assertThat(created.getBoolean("signed")).isTrue();

    asAdmin()
        .get("/api/v1/notifications/channels/{id}", id)
        .then()
        .statusCode(200)
        .body("name", equalTo(name))
        .body("secret", nullValue())
        .body("signed", equalTo(true))
        .body("minSeverity", equalTo("info"));
    String list =
        asAdmin().get("/api/v1/notifications/channels").then().statusCode(200).extract().asString();
    assertThat(list)
        .contains(id)
        .doesNotContain(created.getString("secret"))
        .doesNotContain("whsec_");

    asAdmin()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                name,
                "type",
                "webhook",
                "target",
                RECEIVER.url("/crud2"),
                "events",
                List.of("dev.modelmanager.catalog.*"),
                "minSeverity",
                "error",
                "enabled",
                false))
        .put("/api/v1/notifications/channels/{id}", id)
        .then()
        .statusCode(200)
        .body("target", equalTo(RECEIVER.url("/crud2")))
        .body("events[0]", equalTo("dev.modelmanager.catalog.*"))
        .body("minSeverity", equalTo("error"))
        .body("enabled", equalTo(false))
        .body("secret", nullValue())
        .body("signed", equalTo(true));

    // Type is fixed; a name is unique.
    asAdmin()
        .contentType(ContentType.JSON)
        .body(
            Map.of("name", name, "type", "email", "target", "a@b.example", "events", List.of("*")))
        .put("/api/v1/notifications/channels/{id}", id)
        .then()
        .statusCode(422)
        .contentType("application/problem+json");
    asAdmin()
        .contentType(ContentType.JSON)
        .body(
            Map.of("name", name, "type", "email", "target", "a@b.example", "events", List.of("*")))
        .post("/api/v1/notifications/channels")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");

    // Slack URLs are credentials: only the host is shown.
    JsonPath slack =
        create(
            "slack-" + uuid8(),
            "slack",
            RECEIVER.url("/services/T000/B000/XXXXSECRET"),
            List.of("*"),
            null);
    assertThat(slack.getString("secret")).isNull();
    asAdmin()
        .get("/api/v1/notifications/channels/{id}", slack.getString("id"))
        .then()
        .body("target", not(org.hamcrest.Matchers.containsString("XXXXSECRET")));

    asAdmin().delete("/api/v1/notifications/channels/{id}", id).then().statusCode(204);
    asAdmin()
        .get("/api/v1/notifications/channels/{id}", id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    asAdmin().delete("/api/v1/notifications/channels/{id}", id).then().statusCode(404);
  }

  @Test
  void aMergePatchChangesOnlyWhatItNamesAndKeepsTargetAndSecret() throws Exception {
    String model = "org/patch-" + uuid8();
    String path = "/patch-" + uuid8();
    JsonPath hook = create("webhook", RECEIVER.url(path), List.of("*"), model);
    String id = hook.getString("id");
    String channel = "/api/v1/notifications/channels/{id}";

    // Pause it, raise the severity, add a filter: the rest (target, events, the model filter)
    // stays.
    asAdmin()
        .contentType("application/merge-patch+json")
        .body(
            "{\"enabled\": false, \"minSeverity\": \"warning\", \"filters\": {\"deployment\": \"chat\"}}")
        .patch(channel, id)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("minSeverity", equalTo("warning"))
        .body("filters.model", equalTo(model))
        .body("filters.deployment", equalTo("chat"))
        .body("target", equalTo(RECEIVER.url(path)))
        .body("events", equalTo(List.of("*")))
        .body("signed", equalTo(true))
        .body("secret", nullValue());
    // null removes a filter; plain application/json is accepted too.
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"filters\": {\"model\": null}, \"events\": [\"dev.modelmanager.deploy.*\"]}")
        .patch(channel, id)
        .then()
        .statusCode(200)
        .body("filters.model", nullValue())
        .body("filters.deployment", equalTo("chat"))
        .body("events", equalTo(List.of("dev.modelmanager.deploy.*")));

    // The secret can be neither set nor read; the type cannot change; the result is validated.
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"secret\": \"whsec_mine\"}")
        .patch(channel, id)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("secret"));
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"type\": \"email\"}")
        .patch(channel, id)
        .then()
        .statusCode(422)
        .contentType("application/problem+json");
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"events\": [], \"filters\": {\"colour\": \"red\"}}")
        .patch(channel, id)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem(startsWith("events")))
        .body("errors.field", hasItem(startsWith("filters")));
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"target\": \"http://10.0.0.1/hook\"}")
        .patch(channel, id)
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("target"));
    for (String notAPatch : List.of("[1]", "{oops", "")) {
      asAdmin()
          .contentType(ContentType.JSON)
          .body(notAPatch)
          .patch(channel, id)
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"enabled\": true}")
        .patch(channel, UUID.randomUUID().toString())
        .then()
        .statusCode(404);

    // Only admins change channels.
    String operator =
        dev.modelmanager.gateway.TestAuth.token("op-" + uuid8(), "operator", List.of("*"));
    dev.modelmanager.gateway.TestAuth.as(operator)
        .contentType(ContentType.JSON)
        .body("{\"enabled\": true}")
        .patch(channel, id)
        .then()
        .statusCode(403);

    asAdmin()
        .get(channel, id)
        .then()
        .body("enabled", equalTo(false))
        .body("events", equalTo(List.of("dev.modelmanager.deploy.*")))
        .body("target", equalTo(RECEIVER.url(path)));

    // The signing secret is the one shown at creation: a test message still verifies with it.
    asAdmin().post(channel + "/test", id).then().statusCode(200).body("delivered", equalTo(true));
    Receiver.Request r = RECEIVER.requests(path).get(RECEIVER.requests(path).size() - 1);
    new StandardWebhooksVerifier(hook.getString("secret"))
        .verify(
            r.body(),
            r.header("webhook-id"),
            r.header("webhook-timestamp"),
            r.header("webhook-signature"));

    // Every change is in the audit trail, the channel as its target.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                asAdmin()
                        .queryParam("action", "PATCH /api/v1/notifications/channels/{id}")
                        .queryParam("target", id)
                        .get("/api/v1/audit")
                        .jsonPath()
                        .getList("items")
                        .size()
                    >= 2);
  }

  @Test
  void aPatchKeepsASlackUrlTheListOnlyShowsMasked() {
    String path = "/services/T000/B000/PATCHSECRET-" + uuid8();
    JsonPath slack = create("slack-" + uuid8(), "slack", RECEIVER.url(path), List.of("*"), null);
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"enabled\": false}")
        .patch("/api/v1/notifications/channels/{id}", slack.getString("id"))
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("target", not(org.hamcrest.Matchers.containsString("PATCHSECRET")));
    // The masked URL was not written back: a test message still reaches the real one.
    asAdmin()
        .post("/api/v1/notifications/channels/{id}/test", slack.getString("id"))
        .then()
        .statusCode(200)
        .body("delivered", equalTo(true));
    assertThat(RECEIVER.requests(path)).hasSize(1);
  }

  @Test
  void badChannelRequestsAreProblemsNamingTheFields() {
    asAdmin()
        .contentType(ContentType.JSON)
        .body(Map.of("type", "pager", "target", "x", "events", List.of("*")))
        .post("/api/v1/notifications/channels")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    asAdmin()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "",
                "type",
                "webhook",
                "target",
                RECEIVER.url("/x"),
                "events",
                List.of("not a pattern!"),
                "filters",
                Map.of("colour", "red")))
        .post("/api/v1/notifications/channels")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("name"))
        .body("errors.field", hasItem(startsWith("events")))
        .body("errors.field", hasItem(startsWith("filters")));
    asAdmin()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "bad-mail-" + uuid8(),
                "type",
                "email",
                "target",
                "not-an-address",
                "events",
                List.of("*")))
        .post("/api/v1/notifications/channels")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("target"));
    asAdmin()
        .queryParam("status", "lost")
        .get("/api/v1/notifications/deliveries")
        .then()
        .statusCode(400);
    asAdmin()
        .queryParam("cursor", "x")
        .get("/api/v1/notifications/deliveries")
        .then()
        .statusCode(400);
  }

  @Test
  void privateAndMetadataTargetsAreRefusedAtCreationUnlessAllowListed() {
    // This profile allow-lists 127.0.0.1/32 only; TargetGuardTest covers loopback names and more.
    for (String target :
        List.of(
            "http://10.0.0.1/hook",
            "http://169.254.169.254/latest/meta-data/",
            "https://192.168.1.10/hook",
            "http://[::1]:8080/hook",
            "ftp://example.com/hook",
            "https://user:pw@127.0.0.1/hook")) {
      asAdmin()
          .contentType(ContentType.JSON)
          .body(
              Map.of(
                  "name",
                  "ssrf-" + uuid8(),
                  "type",
                  "webhook",
                  "target",
                  target,
                  "events",
                  List.of("*")))
          .post("/api/v1/notifications/channels")
          .then()
          .statusCode(422)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("target"));
    }
  }

  // --- helpers ---

  private static JsonPath create(String type, String target, List<String> events, String model) {
    return create(type + "-" + uuid8(), type, target, events, model);
  }

  private static JsonPath create(
      String name, String type, String target, List<String> events, String model) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("name", name);
    body.put("type", type);
    body.put("target", target);
    body.put("events", events);
    if (model != null) {
      body.put("filters", Map.of("model", model));
    }
    return asAdmin()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/notifications/channels")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static String delivery(String eventId, String field) {
    JsonPath p =
        asAdmin().queryParam("eventId", eventId).get("/api/v1/notifications/deliveries").jsonPath();
    return String.valueOf(p.getString("items[0]." + field));
  }

  static List<MimeMessage> messagesTo(String address) throws Exception {
    List<MimeMessage> out = new java.util.ArrayList<>();
    for (MimeMessage m : GreenMailResource.greenMail.getReceivedMessages()) {
      if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address))) {
        out.add(m);
      }
    }
    return out;
  }

  static String installEvent(String id, String type, String model) {
    return "{\"specversion\":\"1.0\",\"id\":\""
        + id
        + "\",\"source\":\"/weights-service\",\"type\":\""
        + type
        + "\",\"subject\":\"install-"
        + id.substring(0, 8)
        + "\",\"time\":\"2026-11-30T00:00:00Z\",\"datacontenttype\":\"application/json\","
        + "\"data\":{\"model\":\""
        + model
        + "\",\"revision\":\"abc1234\",\"location\":\"fast-nvme\",\"actor\":\"alice\"}}";
  }

  /** Sends {@code values} to {@code topic} as structured CloudEvents records. */
  public static void produce(String topic, List<String> values) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.broker().bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (String value : values) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, "agg", value);
        record
            .headers()
            .add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
      }
    }
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  private static String uuid8() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
