package dev.modelmanager.gateway.notify;

import static dev.modelmanager.gateway.TestAuth.as;
import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelmanager.gateway.notify.service.EventStreamHub;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SSE stream: resume with Last-Event-ID gets exactly the missed events, heartbeats flow; the
 * stream and the plain list hold only what the caller may read.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class EventStreamTest {
  @TestHTTPResource("/api/v1/events/stream")
  URI stream;

  @Inject EventStreamHub hub;

  record Frame(String id, String event, String data) {}

  /** One open stream, read on its own thread. */
  final class Client implements AutoCloseable {
    final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile Stream<String> lines;

    Client(String query, String lastEventId) throws Exception {
      this(query, lastEventId, dev.modelmanager.gateway.TestAuth.adminToken());
    }

    Client(String query, String lastEventId, String token) throws Exception {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(stream + query))
              .header("accept", "text/event-stream")
              .header("Authorization", "Bearer " + token);
      if (lastEventId != null) {
        b.header("Last-Event-ID", lastEventId);
      }
      HttpResponse<Stream<String>> r =
          HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofLines());
      assertThat(r.statusCode()).isEqualTo(200);
      lines = r.body();
      reader =
          new Thread(
              () -> {
                String id = null;
                String event = null;
                StringBuilder data = new StringBuilder();
                try {
                  for (String line : (Iterable<String>) lines::iterator) {
                    if (line.startsWith(":")) {
                      comments.add(line);
                    } else if (line.startsWith("id:")) {
                      id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                      event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                      data.append(line.substring(5).strip());
                    } else if (line.isEmpty() && id != null) {
                      frames.add(new Frame(id, event, data.toString()));
                      id = null;
                      event = null;
                      data.setLength(0);
                    }
                  }
                } catch (RuntimeException closed) {
                  // the test closed the stream
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    Frame next() throws InterruptedException {
      Frame f = frames.poll(30, TimeUnit.SECONDS);
      assertThat(f).as("a frame within 30 s").isNotNull();
      return f;
    }

    @Override
    public void close() {
      lines.close();
    }
  }

  @Test
  void aResumedStreamGetsExactlyTheMissedEventsOnceAndInOrder() throws Exception {
    String type = "dev.modelmanager.test.stream." + UUID.randomUUID().toString().substring(0, 8);
    String a = uuid();
    String b = uuid();
    String c = uuid();
    String d = uuid();
    Frame first;
    try (Client live = connected("?type=" + type, dev.modelmanager.gateway.TestAuth.adminToken())) {
      NotificationsTest.produce("mm.stream-test", List.of(event(a, type)));
      first = live.next();
      assertThat(first.event()).isEqualTo(type);
      assertThat(first.data()).contains(a);
      // Idle: heartbeats keep the connection open (1 s in this profile).
      assertThat(live.comments.poll(10, TimeUnit.SECONDS)).isNotNull();
    }
    // Missed while disconnected; one of another type the filter drops.
    NotificationsTest.produce(
        "mm.stream-test", List.of(event(b, type), event(uuid(), type + "x.other"), event(c, type)));
    await().atMost(Duration.ofSeconds(30)).until(() -> logged(type).size() == 3);
    try (Client resumed = new Client("?type=" + type, first.id())) {
      Frame fb = resumed.next();
      Frame fc = resumed.next();
      assertThat(List.of(fb.data(), fc.data()))
          .satisfiesExactly(x -> assertThat(x).contains(b), x -> assertThat(x).contains(c));
      assertThat(Long.parseLong(fb.id())).isGreaterThan(Long.parseLong(first.id()));
      assertThat(Long.parseLong(fc.id())).isGreaterThan(Long.parseLong(fb.id()));
      NotificationsTest.produce("mm.stream-test", List.of(event(d, type)));
      assertThat(resumed.next().data()).contains(d);
      // Nothing twice: no further frame arrives.
      assertThat(resumed.frames.poll(2, TimeUnit.SECONDS)).isNull();
    }
  }

  @Test
  void aTokenThatReadsOnlyWeightsGetsNoDeployOrOtherEvents() throws Exception {
    String weightsOnly =
        dev.modelmanager.gateway.TestAuth.token(
            "weights-reader-" + uuid().substring(0, 8), "viewer", List.of("weights:read"));
    String deployMarker = uuid();
    String otherMarker = uuid();
    String weightsMarker = uuid();
    try (Client client = connected("", weightsOnly)) {
      NotificationsTest.produce(
          "mm.stream-test",
          List.of(
              event(deployMarker, "dev.modelmanager.deploy.revision.ready"),
              event(otherMarker, "dev.modelmanager.test.stream.other"),
              event(weightsMarker, "dev.modelmanager.weights.install.succeeded")));
      List<Frame> seen = new ArrayList<>();
      Frame f;
      do {
        f = client.next();
        seen.add(f);
      } while (!f.data().contains(weightsMarker));
      assertThat(seen)
          .allSatisfy(x -> assertThat(x.event()).startsWith("dev.modelmanager.weights."));
      assertThat(client.frames.poll(1, TimeUnit.SECONDS)).isNull();
    }
    // The deploy event is in the log: a caller holding every scope (the admin) gets it.
    try (Client admin = new Client("?after=0&type=dev.modelmanager.deploy.revision.ready", null)) {
      Frame f;
      do {
        f = admin.next();
      } while (!f.data().contains(deployMarker));
    }
  }

  @Test
  void thePlainListHoldsOnlyTheEventsTheCallerMayReadAndPagesOverTheOthers() throws Exception {
    String weightsOnly =
        dev.modelmanager.gateway.TestAuth.token(
            "weights-lister-" + uuid().substring(0, 8), "viewer", List.of("weights:read"));
    String w1 = uuid();
    String w2 = uuid();
    List<String> hidden = List.of(uuid(), uuid(), uuid());
    NotificationsTest.produce(
        "mm.stream-test",
        List.of(
            event(w1, "dev.modelmanager.weights.install.succeeded"),
            event(hidden.get(0), "dev.modelmanager.deploy.revision.ready"),
            event(hidden.get(1), "dev.modelmanager.test.stream.other"),
            event(hidden.get(2), "dev.modelmanager.catalog.model.updated"),
            event(w2, "dev.modelmanager.weights.install.failed")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                asAdmin()
                    .queryParam("limit", 500)
                    .get("/api/v1/events")
                    .jsonPath()
                    .getList("items.id", String.class)
                    .containsAll(List.of(w1, w2, hidden.get(0), hidden.get(1), hidden.get(2))));

    // Before: 403 for a token without events:read. Now: 200 with only the weights events.
    JsonPath all = as(weightsOnly).queryParam("limit", 500).get("/api/v1/events").jsonPath();
    assertThat(all.getList("items.id", String.class))
        .contains(w1, w2)
        .doesNotContainAnyElementsOf(hidden);
    assertThat(all.getList("items.type", String.class))
        .allSatisfy(t -> assertThat(t).startsWith("dev.modelmanager.weights."));

    // Pages of one: the three events in between are skipped, not returned as empty pages.
    JsonPath page1 = as(weightsOnly).queryParam("limit", 1).get("/api/v1/events").jsonPath();
    assertThat(page1.getList("items.id", String.class)).containsExactly(w2);
    JsonPath page2 =
        as(weightsOnly)
            .queryParam("limit", 1)
            .queryParam("cursor", page1.getString("nextCursor"))
            .get("/api/v1/events")
            .jsonPath();
    assertThat(page2.getList("items.id", String.class)).containsExactly(w1);

    // A token that reads no area at all gets an empty list, not the log.
    String nothing =
        dev.modelmanager.gateway.TestAuth.token(
            "no-area-" + uuid().substring(0, 8), "viewer", List.of("tokens"));
    as(nothing)
        .get("/api/v1/events")
        .then()
        .statusCode(200)
        .body("items.size()", org.hamcrest.Matchers.equalTo(0));
  }

  @Test
  void aLastEventIdThatIsNotOneIsABadRequest() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(stream)
                    .header("Last-Event-ID", "abc")
                    .header(
                        "Authorization", "Bearer " + dev.modelmanager.gateway.TestAuth.adminToken())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
  }

  /**
   * Opens a stream and waits until the hub has registered it, so events produced next reach it
   * live. The tests of this class run one after another: once earlier streams are gone, the new one
   * is the hub's only client.
   */
  private Client connected(String query, String token) throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> hub.clients() == 0);
    Client c = new Client(query, null, token);
    await().atMost(Duration.ofSeconds(30)).until(() -> hub.clients() == 1);
    return c;
  }

  private static List<String> logged(String type) {
    return asAdmin()
        .queryParam("type", type)
        .get("/api/v1/events")
        .jsonPath()
        .getList("items.id", String.class);
  }

  private static String event(String id, String type) {
    return "{\"specversion\":\"1.0\",\"id\":\""
        + id
        + "\",\"source\":\"/test/stream\",\"type\":\""
        + type
        + "\",\"subject\":\"s\",\"data\":{\"n\":1}}";
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  @SuppressWarnings("unused")
  private static List<String> ids(List<Frame> frames) {
    List<String> out = new ArrayList<>();
    frames.forEach(f -> out.add(f.id()));
    return out;
  }
}
