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
  private static final String SCHEMA = "gateway_replicas";
  private static final String ADMIN = ApiTokenFormat.generate();

  private static final List<PackagedService> REPLICAS = new ArrayList<>();
  private static KafkaBroker kafka;
  private static PostgresResource.Endpoint postgres;
  private static Path work;

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
      PackagedService r = start(name);
      REPLICAS.add(r);
      awaitServing(r);
    }
  }

  @AfterAll
  static void down() {
    REPLICAS.forEach(PackagedService::stop);
    if (kafka != null) {
      kafka.stop();
    }
  }

  @Test
  void aTokenMadeOnOneReplicaWorksOnTheOtherUntilItIsRevokedThere() throws Exception {
    PackagedService a = REPLICAS.get(0);
    PackagedService b = REPLICAS.get(1);
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
    // The very next request on the other replica: B remembered the token (it answered /me above),
    // and the revocation's Postgres NOTIFY emptied B's cache at commit.
    assertThat(send(b, secret, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
    assertThat(send(a, secret, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
  }

  @Test
  void concurrentWritesThroughBothReplicasKeepOneVerifiableAuditChain() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      PackagedService via = REPLICAS.get(i % 2);
      String body =
          "{\"name\":\"chain-" + i + "\",\"role\":\"viewer\",\"scopes\":[\"weights:read\"]}";
      calls.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return send(via, ADMIN, "POST", "/api/v1/tokens", body);
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> r = call.get(60, TimeUnit.SECONDS);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    for (PackagedService via : REPLICAS) {
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

  private static PackagedService start(String name) throws IOException {
    return PackagedService.start(
        "gateway",
        name,
        work,
        Map.of(
            "MM_STORE", "postgres",
            "MM_SCHEMA", SCHEMA,
            "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(),
            "QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(),
            "QUARKUS_DATASOURCE_USERNAME", postgres.user(),
            "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "MM_INTERNAL_TOKEN_PRIVATE_KEY", InternalTokens.privateKey().toString(),
            // The admin credential from a Secret, the same for both, as in Kubernetes.
            "MM_AUTH_BOOTSTRAP_TOKEN", ADMIN,
            "MM_AUDIT_KEY_DIR", work.resolve("keys").toString()));
  }

  /** Serving its own API (readiness also wants services this test does not run). */
  private static void awaitServing(PackagedService r) {
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              assertThat(r.process.isAlive()).as("%s exited:%n%s", r.name, r.tail()).isTrue();
              try {
                return send(r, ADMIN, "GET", "/api/v1/me", null).statusCode() == 200;
              } catch (IOException e) {
                return false;
              }
            });
  }

  private static HttpResponse<String> send(
      PackagedService via, String token, String method, String path, String json)
      throws IOException, InterruptedException {
    return via.send(method, path, "Bearer " + token, json);
  }
}
