package dev.modelmanager.testkit.hub;

import static dev.modelmanager.testkit.hub.HubHttp.header;
import static dev.modelmanager.testkit.hub.HubHttp.parse;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

  private static final String SHARD = "model-00001-of-00002.safetensors";
  private static final String RESOLVE = "/" + TestRepos.TINY + "/resolve/main/" + SHARD;

  private static FakeHub hub;
  private static HubHttp http;
  private static HubFile shard;

  @BeforeAll
  static void start() {
    hub = TestRepos.hubWithAll();
    http = new HubHttp(hub);
    shard = hub.repo(TestRepos.TINY).orElseThrow().main().files().get(SHARD);
  }

  @AfterEach
  void clear() {
    hub.faults().clear();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void nextRequestsAreRateLimitedWithRetryAfter() {
    hub.faults().rateLimit(2, 7);

    HttpResponse<byte[]> first = http.get("/api/models/" + TestRepos.BERT);
    HttpResponse<byte[]> second = http.head(RESOLVE);
    HttpResponse<byte[]> third = http.get("/api/models/" + TestRepos.BERT);

    assertEquals(429, first.statusCode());
    assertEquals("7", header(first, "Retry-After"));
    assertTrue(parse(first).path("error").asText().contains("rate-limited"));
    assertEquals(429, second.statusCode());
    assertEquals(200, third.statusCode());
  }

  @Test
  void serverErrorsAreScopedByPathAndCount() {
    hub.faults().add(Fault.serverError(503).onPath("/api/**").times(1));
    hub.faults().add(Fault.serverError(502).onPath("regex:/resolve/main/config\\.json$").times(2));

    assertEquals(302, http.head(RESOLVE).statusCode());
    assertEquals(503, http.get("/api/models/" + TestRepos.BERT).statusCode());
    assertEquals(200, http.get("/api/models/" + TestRepos.BERT).statusCode());
    assertEquals(502, http.get("/" + TestRepos.TINY + "/resolve/main/config.json").statusCode());
    assertEquals(502, http.get("/" + TestRepos.TINY + "/resolve/main/config.json").statusCode());
    assertEquals(200, http.get("/" + TestRepos.TINY + "/resolve/main/config.json").statusCode());
  }

  @Test
  void latencyDelaysMatchingRequests() {
    hub.faults().add(Fault.latency(300).onPath("/api/models/**"));

    long started = System.nanoTime();
    http.get("/api/models/" + TestRepos.BERT);
    long slow = (System.nanoTime() - started) / 1_000_000;

    assertTrue(slow >= 300, "took " + slow + " ms");
  }

  @Test
  void truncatedBodyKeepsContentLengthButCloses() {
    String cdn = header(http.head(RESOLVE), "Location");
    hub.faults().add(Fault.truncate(1000).onPath("/cdn/**").times(1));
    hub.clearRequests();

    assertThrows(UncheckedIOException.class, () -> http.get(cdn));

    assertEquals(1000, hub.bytesServed("/cdn/**"));
    assertArrayEquals(
        shard.readAllBytes(), http.get(cdn).body(), "only the next request was truncated");
  }

  @Test
  void corruptionFlipsBytesAtAContentOffset() {
    String cdn = header(http.head(RESOLVE), "Location");
    hub.faults().add(Fault.corrupt(10, 4).onPath("**/" + SHARD));

    byte[] expected = shard.readAllBytes();
    byte[] served = http.get(cdn).body();
    byte[] range = http.get(cdn, "Range", "bytes=12-20").body();

    for (int i = 0; i < expected.length; i++) {
      byte want = i >= 10 && i < 14 ? (byte) ~expected[i] : expected[i];
      if (served[i] != want) {
        throw new AssertionError("byte " + i);
      }
    }
    assertEquals((byte) ~expected[12], range[0]);
    assertEquals((byte) ~expected[13], range[1]);
    assertEquals(expected[14], range[2]);
  }

  @Test
  void stallHoldsTheBodyThenCompletes() throws Exception {
    String cdn = header(http.head(RESOLVE), "Location");
    hub.faults().add(Fault.stall(100, 700).onPath("/cdn/**").times(1));
    hub.clearRequests();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    long started = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> download =
        client.sendAsync(
            HttpRequest.newBuilder(URI.create(cdn)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    // Wait until the stall has begun (the first 100 bytes are out), then look inside it.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !hub.requests().isEmpty() && hub.requests().get(0).bytesSent() >= 100);
    long sentDuringStall = hub.requests().get(0).bytesSent();
    boolean doneDuringStall = download.isDone();
    byte[] body = download.get(10, TimeUnit.SECONDS).body();
    long took = (System.nanoTime() - started) / 1_000_000;

    assertEquals(100, sentDuringStall);
    assertFalse(doneDuringStall);
    assertArrayEquals(shard.readAllBytes(), body);
    assertTrue(took >= 700, "took " + took + " ms");
  }

  @Test
  void adminEndpointSetsListsAndClearsFaults() {
    HttpResponse<byte[]> added =
        http.post(
            "/_fake/faults",
            "application/json",
            "[{\"type\":\"rateLimit\",\"times\":1,\"retryAfterSeconds\":3,\"path\":\"/api/**\"},"
                + "{\"type\":\"latency\",\"ms\":1,\"path\":\"glob:/nothing/**\"}]");
    JsonNode listed = parse(http.get("/_fake/faults"));
    HttpResponse<byte[]> limited = http.get("/api/models");
    HttpResponse<byte[]> bad =
        http.post("/_fake/faults", "application/json", "{\"type\":\"meteor\"}");
    HttpResponse<byte[]> cleared = http.delete("/_fake/faults");

    assertEquals(201, added.statusCode());
    assertEquals(2, listed.size());
    assertEquals("RATE_LIMIT", listed.get(0).path("type").asText());
    assertEquals(1, listed.get(0).path("remaining").asInt());
    assertEquals(429, limited.statusCode());
    assertEquals("3", header(limited, "Retry-After"));
    assertEquals(400, bad.statusCode());
    assertEquals("[]", HubHttp.text(cleared));
    assertTrue(hub.faults().active().isEmpty());
    assertEquals(200, http.get("/api/models").statusCode());
  }

  @Test
  void adminEndpointBodyFaults() {
    String cdn = header(http.head(RESOLVE), "Location");
    http.post(
        "/_fake/faults",
        "application/json",
        "{\"type\":\"truncate\",\"afterBytes\":5,\"times\":1}");

    assertThrows(UncheckedIOException.class, () -> http.get(cdn));
    assertEquals(200, http.get(cdn).statusCode());
  }
}
