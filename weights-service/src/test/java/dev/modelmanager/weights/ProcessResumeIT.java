package dev.modelmanager.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.testkit.hub.FakeHub;
import dev.modelmanager.testkit.hub.Fault;
import dev.modelmanager.testkit.hub.HubRepo;
import dev.modelmanager.testkit.hub.RecordedRequest;
import dev.modelmanager.testkit.security.InternalTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as a real child process: {@code kill -9} in the middle of a download, a
 * restart under another part size (parts of 10 MiB before, 7 MiB after), and the fake hub's request
 * log proving that bytes persisted before the kill were not fetched again. One of the first parts
 * stalls, so the persisted ranges have a gap and the new part across the gap's end must stop where
 * the persisted bytes begin. Runs in {@code verify} ({@code -DskipITs} skips it).
 */
class ProcessResumeIT {
  private static final long MIB = 1 << 20;
  private static final long SIZE = 160 * MIB;
  private static final long PART = SIZE / 16;

  /** The part size after the restart: boundaries that match none of the first run's. */
  private static final long PART_AFTER_RESTART = 7 * MIB;

  private static final int CONCURRENCY = 4;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killAll() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void resumesAfterKillNineWithoutRefetchingPersistedParts() throws Exception {
    Path work = Files.createTempDirectory("mm-weights-it");
    try (FakeHub hub = new FakeHub().start()) {
      hub.addRepo(
          HubRepo.builder("mm-test/process")
              .textFile("config.json", "{}")
              .file("model.safetensors", WeightsHubResource.TestRepos.generated("process", SIZE))
              .build());
      hub.faults().add(Fault.latency(250).onPath("/cdn/**"));
      // The first part requested hangs after 1 MiB until the kill: the parts after it complete.
      hub.faults().add(Fault.stall(MIB, 120_000).onPath("/cdn/**").times(1));
      int port = freePort();
      start(command(hub.url(), work, port, SIZE), work.resolve("first.log"));
      String base = "http://127.0.0.1:" + port;
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> ready(base));
      String id =
          post(base + "/api/v1/weights/installs", "{\"repo\": \"mm-test/process\"}")
              .path("id")
              .asText();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  get(base + "/api/v1/weights/installs/" + id)
                          .path("progress")
                          .path("bytesDone")
                          .asLong()
                      >= SIZE / 3);

      Process first = processes.get(0);
      first.destroyForcibly().waitFor();
      Instant killed = Instant.now();
      List<long[]> persisted = persistedRanges(work.resolve("weights.sqlite"));
      assertThat(persisted).isNotEmpty().hasSizeLessThan(16);
      assertThat(hasGapBeforePersistedBytes(persisted))
          .as("the stalled part leaves a gap before persisted bytes: %s", describe(persisted))
          .isTrue();
      hub.faults().clear();

      start(command(hub.url(), work, port, PART_AFTER_RESTART), work.resolve("second.log"));
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  ready(base)
                      && get(base + "/api/v1/weights/installs/" + id)
                          .path("state")
                          .asText()
                          .matches("SUCCEEDED|FAILED"));
      JsonNode job = get(base + "/api/v1/weights/installs/" + id);
      assertThat(job.path("state").asText()).as(job.toPrettyString()).isEqualTo("SUCCEEDED");

      long served = 0;
      long servedAfterRestart = 0;
      for (RecordedRequest r : hub.requests()) {
        if (!r.path().startsWith("/cdn/") || r.range() == null) {
          continue;
        }
        served += r.bytesSent();
        if (r.receivedAt().isAfter(killed)) {
          servedAfterRestart += r.bytesSent();
          String[] range = r.range().substring("bytes=".length()).split("-");
          long from = Long.parseLong(range[0]);
          long to = Long.parseLong(range[1]);
          for (long[] p : persisted) {
            assertThat(to < p[0] || from >= p[1])
                .as(
                    "%s after the restart overlaps bytes [%d, %d) persisted before the kill",
                    r.range(), p[0], p[1])
                .isTrue();
          }
        }
      }
      assertThat(served)
          .as("only parts in flight at the kill were fetched twice")
          .isLessThanOrEqualTo(SIZE + CONCURRENCY * PART);
      long persistedBytes = persisted.stream().mapToLong(p -> p[1] - p[0]).sum();
      assertThat(servedAfterRestart)
          .as("after the restart, exactly the bytes not persisted")
          .isEqualTo(SIZE - persistedBytes);
      String commit = job.path("commit").asText();
      HfCacheCheck.assertReadable(
          work.resolve("main"),
          "mm-test/process",
          "main",
          commit,
          List.of("model.safetensors", "config.json"));
    }
  }

  /** A fresh internal token per request: the test outlives one token's minute. */
  private static String token() {
    return InternalTokens.bearer("process-test", "Process test");
  }

  private List<String> command(String hubUrl, Path work, int port, long maxPartBytes) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.add("-Xmx256m");
    c.add("-Dquarkus.http.port=" + port);
    c.add("-Dmm.store=sqlite");
    c.add("-Dmm.sqlite.path=" + work.resolve("weights.sqlite"));
    c.add("-Dmm.outbox.enabled=false");
    // As behind the gateway: the service verifies the internal token the test sends.
    c.add("-Dmm.internal-token.public-key=" + InternalTokens.publicKey());
    c.add("-Dkafka.bootstrap.servers=127.0.0.1:9");
    c.add("-Dmm.hf.endpoint=" + hubUrl);
    c.add("-Dmm.weights.locations[0].name=main");
    c.add("-Dmm.weights.locations[0].path=" + work.resolve("main"));
    c.add("-Dmm.weights.headroom-bytes=0");
    c.add("-Dmm.weights.download.min-part-bytes=" + MIB);
    c.add("-Dmm.weights.download.max-part-bytes=" + maxPartBytes);
    c.add("-Dmm.weights.download.concurrency=" + CONCURRENCY);
    // Long enough that a heartbeat late by a few seconds while the restarted JVM warms up on a busy
    // machine does not lose the lease (with 2 s it was lost three times: the poison-job limit).
    c.add("-Dmm.weights.jobs.lease=8s");
    c.add("-Dmm.weights.jobs.heartbeat=1s");
    c.add("-Dmm.weights.jobs.poll-interval=200ms");
    c.add("-Dmm.weights.jobs.progress-interval=300ms");
    c.add("-jar");
    c.add(Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString());
    return c;
  }

  private void start(List<String> command, Path log) throws IOException {
    processes.add(
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
  }

  private static List<long[]> persistedRanges(Path sqlite) throws Exception {
    List<long[]> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite);
        ResultSet rs =
            c.createStatement().executeQuery("select range_start, range_end from blob_range")) {
      while (rs.next()) {
        out.add(new long[] {rs.getLong(1), rs.getLong(2)});
      }
    }
    return out;
  }

  private static boolean hasGapBeforePersistedBytes(List<long[]> ranges) {
    List<long[]> sorted =
        ranges.stream().sorted(java.util.Comparator.comparingLong(r -> r[0])).toList();
    long end = 0;
    for (long[] r : sorted) {
      if (r[0] > end) {
        return true;
      }
      end = Math.max(end, r[1]);
    }
    return false;
  }

  private static String describe(List<long[]> ranges) {
    return ranges.stream()
        .sorted(java.util.Comparator.comparingLong(r -> r[0]))
        .map(r -> "[" + r[0] / MIB + ", " + r[1] / MIB + ") MiB")
        .toList()
        .toString();
  }

  private static boolean ready(String base) {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(base + "/api/v1/weights/locations"))
                      .header("Authorization", token())
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static JsonNode get(String url) throws Exception {
    return JSON.readTree(
        HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).header("Authorization", token()).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private static JsonNode post(String url, String body) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return JSON.readTree(r.body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
