package dev.modelmanager.weights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.weights.domain.ByteRange;
import dev.modelmanager.weights.engine.JobRunner;
import dev.modelmanager.weights.store.PartStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine against the fake hub's fault knobs: crash, cancel, stalls, 429, corruption. */
@QuarkusTest
@TestProfile(WeightsTestProfile.class)
class TransferFaultsTest {
  private static final Duration MINUTE = Duration.ofSeconds(60);
  private static final long MIB = 1 << 20;
  private static final long SIZE = 48 * MIB;
  private static final long PART = SIZE / 16;

  @Inject JobRunner runner;
  @Inject PartStore parts;

  @AfterEach
  void clearFaults() {
    HubAdmin.clearFaults();
  }

  @Test
  void resumesAfterCrashWithoutRefetchingVerifiedParts() throws Throwable {
    slowDown("resume");
    String id = Installs.start("{\"repo\": \"mm-test/resume\"}");
    String blob = blobOf(id);
    await().atMost(MINUTE).until(() -> persistedParts(blob).size() >= 2);

    runner.abandonAllForCrashTest();
    await().atMost(MINUTE).until(() -> !runner.runsHere(java.util.UUID.fromString(id)));
    Instant crash = Instant.now();
    List<ByteRange> persisted =
        VertxContextSupport.subscribeAndAwait(() -> parts.done("main", blob));
    assertThat(persisted).as("parts persisted before the crash").isNotEmpty();
    HubAdmin.clearFaults();

    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
    assertThat(job.getInt("attempts")).isGreaterThanOrEqualTo(2);
    assertNoRangeOverlaps("mm-test/resume", crash, persisted);
    long served = HubAdmin.bytesServed("/mm-test/resume/model.safetensors");
    assertThat(served)
        .as("at most the parts in flight are fetched twice")
        .isLessThanOrEqualTo(SIZE + 6 * PART);
  }

  @Test
  void cancelStopsTransfersAndRetryContinues() throws Throwable {
    slowDown("cancel");
    String id = Installs.start("{\"repo\": \"mm-test/cancel\"}");
    Installs.awaitBytes(id, SIZE / 4, MINUTE);

    given().post("/api/v1/weights/installs/" + id + "/cancel").then().statusCode(202);
    Installs.awaitState(id, MINUTE, "CANCELLED");
    await().atMost(MINUTE).until(() -> !runner.runsHere(java.util.UUID.fromString(id)));
    long servedAtCancel = HubAdmin.bytesServed("/mm-test/cancel/model.safetensors");
    Instant stopped = Instant.now();
    // Requests sent just before the cancel may still be waiting out the hub's 400 ms latency: the
    // hub then writes their first chunk into a closed connection. So the count must settle (stay
    // unchanged for a second) rather than equal the figure at the stop.
    AtomicLong lastSeen = new AtomicLong(-1);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              long served = HubAdmin.bytesServed("/mm-test/cancel/model.safetensors");
              return lastSeen.getAndSet(served) == served;
            });
    List<JsonNode> requests = HubAdmin.requests("/mm-test/cancel/");
    assertThat(requests)
        .as("no request once the job stopped here (%s)", stopped)
        .noneMatch(r -> Instant.parse(r.path("receivedAt").asText()).isAfter(stopped));
    assertThat(lastSeen.get() - servedAtCancel)
        .as("transfers in flight at the stop were cut short, not completed: %s", requests)
        .isLessThan(PART);
    Path incomplete =
        WeightsHubResource.root()
            .resolve("main/models--mm-test--cancel/blobs")
            .resolve(blobOf(id) + ".incomplete");
    assertThat(incomplete).as("partial data kept for a retry").exists();
    given().post("/api/v1/weights/installs/" + id + "/cancel").then().statusCode(409);

    String blob = blobOf(id);
    List<ByteRange> persisted =
        VertxContextSupport.subscribeAndAwait(() -> parts.done("main", blob));
    HubAdmin.clearFaults();
    Instant retry = Instant.now();
    given().post("/api/v1/weights/installs/" + id + "/retry").then().statusCode(202);
    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
    assertNoRangeOverlaps("mm-test/cancel", retry, persisted);
    // The retry is announced: the job is QUEUED again between its cancellation and its success.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(EventsAndMetricsTest.events(id))
                    .extracting(
                        e ->
                            e.path("type").asText().replaceAll(".*\\.", "")
                                + " "
                                + e.path("data").path("state").asText())
                    .containsSubsequence(
                        "cancelled CANCELLED", "progressed QUEUED", "succeeded SUCCEEDED"));
  }

  @Test
  void stalledTransfersAreRestartedFromWhereTheyStopped() {
    HubAdmin.faults(
        "{\"type\": \"stall\", \"afterBytes\": 1048576, \"ms\": 20000, \"times\": 2, \"path\": \"/cdn/**/mm-test/stall/**\"}");
    String id = Installs.start("{\"repo\": \"mm-test/stall\"}");
    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
    List<JsonNode> resumed =
        HubAdmin.requests("/mm-test/stall/model.safetensors").stream()
            .filter(r -> r.path("range").asText("").startsWith("bytes="))
            .filter(r -> start(r) % PART != 0)
            .toList();
    assertThat(resumed).as("a stalled part continues mid-part").isNotEmpty();
  }

  @Test
  void rateLimitingIsSurvivedHonouringRetryAfter() {
    HubAdmin.faults(
        "{\"type\": \"429\", \"retryAfterSeconds\": 1, \"times\": 4, \"path\": \"/cdn/**/mm-test/ratelimit/**\"}");
    String id = Installs.start("{\"repo\": \"mm-test/ratelimit\"}");
    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
    assertThat(
            HubAdmin.requests("/mm-test/ratelimit/").stream()
                .filter(r -> r.path("status").asInt() == 429))
        .hasSize(4);
  }

  @Test
  void corruptBytesFailTheInstallAndNothingBecomesVisible() throws Exception {
    HubAdmin.faults(
        "{\"type\": \"corrupt\", \"offset\": 1000, \"length\": 8, \"path\": \"/cdn/**/mm-test/corrupt/**\"}");
    String id = Installs.start("{\"repo\": \"mm-test/corrupt\"}");
    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(job.getString("state")).isEqualTo("FAILED");
    assertThat(job.getString("error.type")).endsWith("/checksum-mismatch");
    assertThat(job.getString("error.detail"))
        .contains("model.safetensors")
        .contains("fetched twice");
    Path repo = WeightsHubResource.root().resolve("main/models--mm-test--corrupt");
    assertThat(repo.resolve("snapshots")).doesNotExist();
    try (var blobs = Files.list(repo.resolve("blobs"))) {
      assertThat(blobs.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(blobOf(id)));
    }
    given().get("/q/metrics").then().statusCode(200);
  }

  @Test
  void aFileCorruptedOnceIsFetchedAgainAndVerified() {
    HubAdmin.faults(
        "{\"type\": \"corrupt\", \"offset\": 5, \"length\": 1, \"times\": 1, \"path\": \"/cdn/**/mm-test/corrupt-once/**\"}");
    String id = Installs.start("{\"repo\": \"mm-test/corrupt-once\"}");
    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
  }

  private static void slowDown(String repo) {
    HubAdmin.faults(
        "{\"type\": \"latency\", \"ms\": 400, \"path\": \"/cdn/**/mm-test/" + repo + "/**\"}");
  }

  private List<ByteRange> persistedParts(String blob) {
    try {
      return VertxContextSupport.subscribeAndAwait(() -> parts.done("main", blob));
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** The blob (sha256) of model.safetensors in the job's plan. */
  private static String blobOf(String id) {
    await()
        .atMost(MINUTE)
        .until(
            () ->
                Installs.get(id)
                        .getString("progress.files.find { it.path == 'model.safetensors' }.blob")
                    != null);
    return Installs.get(id)
        .getString("progress.files.find { it.path == 'model.safetensors' }.blob");
  }

  /** No ranged request after {@code since} touches a part that was persisted before it. */
  private static void assertNoRangeOverlaps(String repo, Instant since, List<ByteRange> persisted) {
    for (JsonNode r : HubAdmin.requests("/" + repo + "/model.safetensors")) {
      if (Instant.parse(r.path("receivedAt").asText()).isBefore(since)
          || !r.path("range").asText("").startsWith("bytes=")) {
        continue;
      }
      long from = start(r);
      long to = Long.parseLong(r.path("range").asText().split("-")[1]);
      for (ByteRange p : persisted) {
        assertThat(to < p.start() || from >= p.end())
            .as("request %s overlaps persisted range %s", r.path("range").asText(), p)
            .isTrue();
      }
    }
  }

  private static long start(JsonNode r) {
    return Long.parseLong(r.path("range").asText().substring("bytes=".length()).split("-")[0]);
  }
}
