package dev.modelmanager.gateway.notify;

import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static dev.modelmanager.gateway.notify.NotificationsTest.installEvent;
import static dev.modelmanager.gateway.notify.NotificationsTest.messagesTo;
import static dev.modelmanager.gateway.notify.NotificationsTest.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.modelmanager.gateway.notify.service.NotificationDispatcher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Email digests through a real SMTP server (GreenMail): several events in one interval make exactly
 * one mail listing them all, a quiet interval sends nothing, and a gateway stopped mid-interval
 * sends the digest after its restart, with nothing lost and nothing twice.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailDigestTest {
  private static final String SUCCEEDED = "dev.modelmanager.weights.install.succeeded";
  private static final String FAILED = "dev.modelmanager.weights.install.failed";

  @Inject NotificationDispatcher dispatcher;

  @Test
  void severalEventsInOneIntervalMakeExactlyOneDigestListingThemAll() throws Exception {
    String model = "org/digest-" + uuid8();
    String mail = "digest-" + uuid8() + "@example.com";
    String channelId = createDigest(mail, model, "PT4S").getString("id");
    List<String> ids = List.of(uuid(), uuid(), uuid());
    produce(
        "mm.weights",
        List.of(
            installEvent(ids.get(0), SUCCEEDED, model),
            installEvent(ids.get(1), FAILED, model),
            installEvent(ids.get(2), SUCCEEDED, model),
            // Kafka redelivers one: still listed once.
            installEvent(ids.get(2), SUCCEEDED, model),
            // Another model's event: filtered out, as for any channel.
            installEvent(uuid(), SUCCEEDED, "org/other-" + uuid8())));

    await().atMost(Duration.ofSeconds(90)).until(() -> messagesTo(mail).size() == 1);
    // Two intervals more: no second digest, no empty one.
    await()
        .during(Duration.ofSeconds(8))
        .atMost(Duration.ofSeconds(12))
        .until(() -> messagesTo(mail).size() == 1);

    MimeMessage m = messagesTo(mail).get(0);
    assertThat(m.getSubject())
        .isEqualTo("[Model Manager] Digest: 3 events (error), latest Weights install succeeded");
    assertThat(m.getHeader("X-ModelManager-Digest-Id")).hasSize(1);
    String text = part(m, "text/plain");
    String html = part(m, "text/html");
    for (String id : ids) {
      assertThat(text).containsOnlyOnce(id);
      assertThat(html).containsOnlyOnce(id);
    }
    // Oldest first, one line per event.
    assertThat(text.indexOf(ids.get(0))).isLessThan(text.indexOf(ids.get(1)));
    assertThat(text.indexOf(ids.get(1))).isLessThan(text.indexOf(ids.get(2)));
    assertThat(text).contains("Weights install failed: " + model + "@abc1234  by alice");
    assertThat(html).contains("<table>").contains("https://mm.example.com/weights/");

    // The log: one delivered row per event, sent once, and only after the interval.
    JsonPath log =
        asAdmin()
            .queryParam("channelId", channelId)
            .get("/api/v1/notifications/deliveries")
            .jsonPath();
    assertThat(log.getList("items.eventId", String.class)).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(log.getList("items.status", String.class)).containsOnly("delivered");
    assertThat(log.getList("items.attempts", Integer.class)).containsOnly(1);
    Instant firstQueued =
        log.getList("items.createdAt", String.class).stream()
            .map(Instant::parse)
            .min(Instant::compareTo)
            .orElseThrow();
    assertThat(log.getList("items.deliveredAt", String.class))
        .map(Instant::parse)
        .allSatisfy(sent -> assertThat(sent).isAfterOrEqualTo(firstQueued.plusSeconds(4)));
  }

  @Test
  void aQuietIntervalSendsNothing() throws Exception {
    String model = "org/quiet-" + uuid8();
    String mail = "quiet-" + uuid8() + "@example.com";
    createDigest(mail, model, "PT1S");
    // Several intervals without an event: no mail.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> messagesTo(mail).isEmpty());
    // One event: one digest of one event, then quiet again.
    String id = uuid();
    produce("mm.weights", List.of(installEvent(id, SUCCEEDED, model)));
    await().atMost(Duration.ofSeconds(90)).until(() -> messagesTo(mail).size() == 1);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> messagesTo(mail).size() == 1);
    assertThat(messagesTo(mail).get(0).getSubject()).startsWith("[Model Manager] Digest: 1 event,");
    assertThat(part(messagesTo(mail).get(0), "text/plain")).contains(id);
  }

  @Test
  void aGatewayStoppedMidIntervalSendsTheDigestAfterItsRestartLosingNothing() throws Exception {
    String model = "org/restart-" + uuid8();
    String mail = "restart-" + uuid8() + "@example.com";
    String channelId = createDigest(mail, model, "PT3S").getString("id");
    String a = uuid();
    String b = uuid();
    String c = uuid();
    produce(
        "mm.weights",
        List.of(installEvent(a, SUCCEEDED, model), installEvent(b, SUCCEEDED, model)));
    await().atMost(Duration.ofSeconds(90)).until(() -> queued(channelId).size() == 2);

    dispatcher.stop(); // mid-interval: a and b are queued, their digest not yet due
    try {
      // Logged while the dispatcher is down (not yet queued for the channel).
      produce("mm.weights", List.of(installEvent(c, SUCCEEDED, model)));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  asAdmin()
                      .queryParam("type", SUCCEEDED)
                      .get("/api/v1/events")
                      .jsonPath()
                      .getList("items.id", String.class)
                      .contains(c));
      // The interval ends while the gateway is down: no mail meanwhile.
      Instant due =
          asAdmin()
              .queryParam("channelId", channelId)
              .get("/api/v1/notifications/deliveries")
              .jsonPath()
              .getList("items.nextAttemptAt", String.class)
              .stream()
              .map(Instant::parse)
              .max(Instant::compareTo)
              .orElseThrow();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Instant.now().isAfter(due.plusMillis(500)));
      assertThat(messagesTo(mail)).isEmpty();
    } finally {
      dispatcher.start();
    }

    // After the restart: one digest with all three, sent once.
    await().atMost(Duration.ofSeconds(90)).until(() -> messagesTo(mail).size() == 1);
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(8))
        .until(() -> messagesTo(mail).size() == 1);
    String text = part(messagesTo(mail).get(0), "text/plain");
    assertThat(text).containsOnlyOnce(a).containsOnlyOnce(b).containsOnlyOnce(c);
    assertThat(queued(channelId)).isEmpty();
  }

  @Test
  @Order(1)
  void aDigestIsForEmailOnlyAndItsIntervalIsChecked() {
    Map<String, Object> webhook = body("webhook", "https://hooks.example.com/x", "PT15M");
    asAdmin()
        .contentType(ContentType.JSON)
        .body(webhook)
        .post("/api/v1/notifications/channels")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("digest"));
    for (String bad : List.of("PT0S", "P2D", "-PT5M")) {
      asAdmin()
          .contentType(ContentType.JSON)
          .body(body("email", "ops@example.com", bad))
          .post("/api/v1/notifications/channels")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem("digest"));
    }
    asAdmin()
        .contentType(ContentType.JSON)
        .body(body("email", "ops@example.com", "every hour"))
        .post("/api/v1/notifications/channels")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");

    // Shown as set, and switched off by a replace without it.
    // (A model filter no event has, so other tests' events never reach this channel.)
    String nobody = "org/nobody-" + uuid8();
    JsonPath made = createDigest("ops-" + uuid8() + "@example.com", nobody, "PT15M");
    String id = made.getString("id");
    assertThat(made.getString("digest")).isEqualTo("PT15M");
    asAdmin().get("/api/v1/notifications/channels/" + id).then().body("digest", equalTo("PT15M"));
    Map<String, Object> perEvent = body("email", made.getString("target"), null);
    perEvent.put("name", made.getString("name"));
    perEvent.put("filters", Map.of("model", nobody));
    asAdmin()
        .contentType(ContentType.JSON)
        .body(perEvent)
        .put("/api/v1/notifications/channels/" + id)
        .then()
        .statusCode(200)
        .body("digest", org.hamcrest.Matchers.nullValue());
    asAdmin().delete("/api/v1/notifications/channels/" + id).then().statusCode(204);
  }

  // --- helpers ---

  private static JsonPath createDigest(String mail, String model, String digest) {
    Map<String, Object> body = body("email", mail, digest);
    if (model != null) {
      body.put("filters", Map.of("model", model));
    }
    JsonPath made =
        asAdmin()
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/notifications/channels")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    // Stored, not only answered.
    asAdmin()
        .get("/api/v1/notifications/channels/" + made.getString("id"))
        .then()
        .statusCode(200)
        .body("digest", equalTo(digest));
    return made;
  }

  private static Map<String, Object> body(String type, String target, String digest) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "digest-" + uuid8());
    body.put("type", type);
    body.put("target", target);
    body.put("events", List.of("dev.modelmanager.weights.*"));
    if (digest != null) {
      body.put("digest", digest);
    }
    return body;
  }

  /** The channel's pending deliveries. */
  private static List<String> queued(String channelId) {
    return asAdmin()
        .queryParam("channelId", channelId)
        .queryParam("status", "pending")
        .get("/api/v1/notifications/deliveries")
        .jsonPath()
        .getList("items.eventId", String.class);
  }

  /** The decoded text of the message's first part of {@code type}. */
  private static String part(Part p, String type) throws Exception {
    if (p.isMimeType(type)) {
      return (String) p.getContent();
    }
    if (p.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) p.getContent();
      List<String> found = new ArrayList<>();
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart bp = mp.getBodyPart(i);
        String t = part(bp, type);
        if (t != null) {
          found.add(t);
        }
      }
      return found.isEmpty() ? null : found.get(0);
    }
    return null;
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  private static String uuid8() {
    return uuid().substring(0, 8);
  }
}
