package dev.modelmanager.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.model.security.ApiTokenFormat;
import dev.modelmanager.testkit.kafka.KafkaBroker;
import dev.modelmanager.testkit.postgres.PostgresResource;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway replicas on one Postgres schema, as production runs them behind a Service: a token
 * made on one works on the other, a revocation on one takes effect on the other's next request, and
 * both write one audit chain that still verifies after concurrent writes through both. The packaged
 * gateway runs in two processes on free ports with a schema of its own, so this runs next to
 * anything else.
 */
class GatewayReplicasTest {
  private static final Path ROOT =
      Path.of(System.getProperty("mm.repo.root", "..")).toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String SCHEMA = "gateway_replicas";
  private static final String ADMIN = ApiTokenFormat.generate();

  private static final List<Replica> REPLICAS = new ArrayList<>();
  private static KafkaBroker kafka;
  private static PostgresResource.Endpoint postgres;
  private static Path work;

  /** One gateway process. */
  record Replica(String name, int port, Process process, Path log) {
    String url(String path) {
      return "http://127.0.0.1:" + port + path;
    }
  }

  @BeforeAll
  static void up() throws Exception {
    work = Files.createDirectories(ROOT.resolve("system-tests/target/gateway-replicas"));
    kafka = KafkaBroker.startNew();
    postgres = PostgresResource.endpoint();
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), null);
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + SCHEMA + " cascade");
    }
    // One after the other: the first migrates the schema and makes the audit key pair.
    for (String name : List.of("a", "b")) {
      Replica r = start(name);
      REPLICAS.add(r);
      awaitReady(r);
    }
  }

  @AfterAll
  static void down() {
    REPLICAS.forEach(GatewayReplicasTest::stop);
    if (kafka != null) {
      kafka.stop();
    }
  }

  @Test
  void aTokenMadeOnOneReplicaWorksOnTheOtherUntilItIsRevokedThere() throws Exception {
    Replica a = REPLICAS.get(0);
    Replica b = REPLICAS.get(1);
    HttpResponse<String> created =
        send(
            a,
            ADMIN,
            "POST",
            "/api/v1/tokens",
            "{\"name\":\"replica-walk\",\"role\":\"viewer\",\"owner\":\"replica-walk\","
                + "\"scopes\":[\"weights:read\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode token = JSON.readTree(created.body());
    String secret = token.get("token").asText();

    HttpResponse<String> me = send(b, secret, "GET", "/api/v1/me", null);
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(JSON.readTree(me.body()).get("subject").asText()).isEqualTo("replica-walk");

    HttpResponse<String> revoked =
        send(a, ADMIN, "DELETE", "/api/v1/tokens/" + token.get("id").asText(), null);
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    // The very next request on the other replica: no cache keeps a revoked token alive.
    assertThat(send(b, secret, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
    assertThat(send(a, secret, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
  }

  @Test
  void concurrentWritesThroughBothReplicasKeepOneVerifiableAuditChain() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      Replica via = REPLICAS.get(i % 2);
      String body =
          "{\"name\":\"chain-" + i + "\",\"role\":\"viewer\",\"scopes\":[\"weights:read\"]}";
      calls.add(
          HTTP.sendAsync(
              request(via, ADMIN, "POST", "/api/v1/tokens", body),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> r = call.get(60, TimeUnit.SECONDS);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    for (Replica via : REPLICAS) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                HttpResponse<String> audit =
                    send(
                        via,
                        ADMIN,
                        "GET",
                        "/api/v1/audit?action=POST%20/api/v1/tokens&limit=100",
                        null);
                assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
                assertThat(JSON.readTree(audit.body()).get("items").size())
                    .isGreaterThanOrEqualTo(24);
              });
      HttpResponse<String> verify = send(via, ADMIN, "GET", "/api/v1/audit/verify", null);
      assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
      JsonNode result = JSON.readTree(verify.body());
      assertThat(result.get("valid").asBoolean()).as(result.toString()).isTrue();
      assertThat(result.get("checked").asLong()).isGreaterThanOrEqualTo(24);
    }
  }

  // --- processes ---

  private static Replica start(String name) throws IOException {
    Path jar = ROOT.resolve("gateway/target/quarkus-app/quarkus-run.jar");
    assertThat(jar).as("the gateway is packaged").exists();
    int port = freePort();
    Path log = work.resolve(name + ".log");
    Files.deleteIfExists(log);
    ProcessBuilder pb =
        new ProcessBuilder("java", "-Xms64m", "-Xmx320m", "-jar", jar.toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = pb.environment();
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("MM_STORE", "postgres");
    env.put("MM_SCHEMA", SCHEMA);
    env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl());
    env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("MM_INTERNAL_TOKEN_PRIVATE_KEY", InternalTokens.privateKey().toString());
    // The admin credential from a Secret, the same for both, as in Kubernetes.
    env.put("MM_AUTH_BOOTSTRAP_TOKEN", ADMIN);
    env.put("MM_AUDIT_KEY_DIR", work.resolve("keys").toString());
    return new Replica(name, port, pb.start(), log);
  }

  private static void stop(Replica r) {
    if (r.process().isAlive()) {
      r.process().destroy();
      try {
        if (!r.process().waitFor(30, TimeUnit.SECONDS)) {
          r.process().destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void awaitReady(Replica r) {
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              assertThat(r.process().isAlive())
                  .as("replica %s exited:%n%s", r.name(), tail(r.log()))
                  .isTrue();
              try {
                return send(r, ADMIN, "GET", "/api/v1/me", null).statusCode() == 200;
              } catch (IOException e) {
                return false;
              }
            });
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static HttpRequest request(
      Replica via, String token, String method, String path, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(via.url(path)))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token);
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return b.method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private static HttpResponse<String> send(
      Replica via, String token, String method, String path, String json)
      throws IOException, InterruptedException {
    return HTTP.send(request(via, token, method, path, json), HttpResponse.BodyHandlers.ofString());
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
