package dev.modelmanager.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's local run, as a user does it: {@code bin/mm up} on the packaged services, the
 * gateway in front, a stopped service answering 502 fast, and {@code bin/mm down} leaving nothing
 * behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunTest {
  private static final Path ROOT =
      Path.of(System.getProperty("mm.repo.root", "..")).toAbsolutePath().normalize();
  private static final List<Integer> PORTS = List.of(8080, 8081, 8082, 8083, 8084, 8090, 9092);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static Path runDir;

  @BeforeAll
  static void up() throws Exception {
    for (int port : PORTS) {
      assertThat(listening(port)).as("port %d must be free for the local run", port).isFalse();
    }
    runDir = Files.createTempDirectory("mm-local-run");
    Result up = mm(Duration.ofMinutes(4), "up", "--demo");
    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(up.output()).contains("http://localhost:8080");
  }

  @AfterAll
  static void down() throws Exception {
    if (runDir == null) {
      return; // up() refused to start: nothing of ours runs.
    }
    Result down = mm(Duration.ofMinutes(1), "down");
    assertThat(down.exitCode()).as(down.output()).isZero();
    for (int port : PORTS) {
      assertThat(listening(port)).as("port %d after bin/mm down", port).isFalse();
    }
    try (var pids = Files.list(runDir.resolve("run"))) {
      assertThat(pids).as("pid files left").isEmpty();
    }
  }

  @Test
  @Order(1)
  void gatewayReportsEveryComponentUp() throws Exception {
    JsonNode info = get("/api/v1/system/info");
    assertThat(info.get("name").asText()).isEqualTo("gateway");
    for (String s :
        List.of("discovery-service", "weights-service", "catalog-service", "deploy-service")) {
      assertThat(info.at("/components/" + s + "/status").asText()).as(s).isEqualTo("UP");
    }
    assertThat(info.toString()).doesNotContain("password=").doesNotContain("hf_");
  }

  @Test
  @Order(2)
  void mergedOpenApiCoversTheServices() throws Exception {
    JsonNode doc = get("/openapi.json");
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    assertThat(doc.get("paths").has("/api/v1/catalog/reload")).isTrue();
    assertThat(doc.get("paths").has("/api/v1/system/info")).isTrue();
  }

  @Test
  @Order(3)
  void catalogReloadWorksThroughTheGateway() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:8080/api/v1/catalog/reload"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(get("/api/v1/catalog/entries").get("items")).isNotEmpty();
  }

  @Test
  @Order(4)
  void discoveryAnswersThroughTheGatewayWithOneHubCallPerUncachedSearch() throws Exception {
    send("DELETE", "http://127.0.0.1:8090/_fake/requests", null);
    JsonNode page = get("/api/v1/huggingface/search?q=qwen&fitsGpu=L4");
    assertThat(page.get("items").findValuesAsText("id")).contains("Qwen/Qwen2.5-0.5B");
    assertThat(hubCalls("/api/models")).isEqualTo(1);
    get("/api/v1/huggingface/search?q=qwen&fitsGpu=L4");
    assertThat(hubCalls("/api/models"))
        .as("a repeated search is served from the cache")
        .isEqualTo(1);

    JsonNode details = get("/api/v1/models/Qwen/Qwen2.5-0.5B/details");
    assertThat(details.at("/parameters/total").asLong()).isEqualTo(494_032_768L);
    assertThat(details.at("/kvCache/bytesPerToken").asLong()).isEqualTo(12_288L);
    // The local catalog starts with an entry for this model, and test 3 reloaded it.
    assertThat(details.at("/catalog/status").asText()).isEqualTo("found");
    assertThat(get("/api/v1/vllm/architectures/Qwen2ForCausalLM").get("architecture").asText())
        .isEqualTo("Qwen2ForCausalLM");
    assertThat(get("/api/v1/gpus").get("items")).isNotEmpty();

    HttpResponse<String> rec =
        send(
            "POST",
            "http://localhost:8080/api/v1/recommendations",
            "{\"model\":\"Qwen/Qwen2.5-0.5B\",\"gpus\":[{\"name\":\"L4\",\"count\":1}]}");
    assertThat(rec.statusCode()).as(rec.body()).isEqualTo(200);
    assertThat(JSON.readTree(rec.body()).at("/best/fits").asBoolean()).isTrue();
  }

  @Test
  @Order(5)
  void aWeightsInstallThroughTheGatewayEndsVerifiedAndItsEventsReachTheGateway() throws Exception {
    HttpResponse<String> created =
        send(
            "POST",
            "http://localhost:8080/api/v1/weights/installs",
            "{\"repo\":\"mm-demo/tiny-llama\",\"pin\":true}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/api/v1/weights/installs/");

    String state = "";
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline && !state.matches("SUCCEEDED|FAILED|CANCELLED")) {
      Thread.sleep(250);
      state = get(location).get("state").asText();
    }
    assertThat(state).isEqualTo("SUCCEEDED");
    assertThat(get("/api/v1/weights?q=tiny-llama").get("items").findValuesAsText("repo"))
        .contains("mm-demo/tiny-llama");

    // The outbox relayed the events to Kafka and the gateway's intake logged them.
    long until = System.currentTimeMillis() + 30_000;
    List<String> types = List.of();
    while (System.currentTimeMillis() < until
        && !types.contains("dev.modelmanager.weights.install.succeeded")) {
      Thread.sleep(500);
      types = get("/api/v1/events?limit=100").get("items").findValuesAsText("type");
    }
    assertThat(types)
        .contains(
            "dev.modelmanager.weights.install.succeeded", "dev.modelmanager.catalog.reloaded");
  }

  @Test
  @Order(6)
  void aStoppedServiceAnswers502WithinASecondWhileOthersKeepAnswering() throws Exception {
    Result stop = mm(Duration.ofSeconds(30), "stop", "discovery-service");
    assertThat(stop.exitCode()).as(stop.output()).isZero();

    long start = System.nanoTime();
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:8080/api/v1/gpus"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(millis).as("502 latency").isLessThan(1000);
    assertThat(get("/api/v1/catalog/entries").get("items")).isNotNull();
  }

  private static long hubCalls(String prefix) throws Exception {
    JsonNode log = JSON.readTree(send("GET", "http://127.0.0.1:8090/_fake/requests", null).body());
    long n = 0;
    for (JsonNode r : log) {
      if (r.path("path").asText().startsWith(prefix)) {
        n++;
      }
    }
    return n;
  }

  private static HttpResponse<String> send(String method, String url, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:8080" + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  record Result(int exitCode, String output) {}

  private static Result mm(Duration timeout, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(ROOT.resolve("bin/mm").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().put("MM_RUN_DIR", runDir.toString());
    pb.environment().put("MM_SKIP_BUILD", "1");
    Path out = Files.createTempFile("mm-cmd", ".log");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, Files.readString(out) + "\n(timed out)");
    }
    String text = Files.readString(out);
    if (p.exitValue() != 0) {
      text += "\n--- logs ---\n" + tailLogs();
    }
    return new Result(p.exitValue(), text);
  }

  private static String tailLogs() throws IOException {
    StringBuilder b = new StringBuilder();
    Path logs = runDir.resolve("logs");
    if (Files.isDirectory(logs)) {
      try (var files = Files.list(logs)) {
        for (Path f : files.toList()) {
          List<String> lines = Files.readAllLines(f);
          b.append("== ").append(f.getFileName()).append('\n');
          lines
              .subList(Math.max(0, lines.size() - 30), lines.size())
              .forEach(l -> b.append(l).append('\n'));
        }
      }
    }
    return b.toString();
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
