package dev.modelmanager.gateway.audit;

import static dev.modelmanager.gateway.TestAuth.as;
import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.gateway.FakeServicesResource;
import dev.modelmanager.gateway.TestAuth;
import dev.modelmanager.gateway.notify.NotificationsTest;
import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signed job and deployment history: every state an install or a revision reaches, reported
 * over Kafka, becomes a signed audit record carrying the history record's content, and an export of
 * it verifies offline with nothing but the published public key — checked here twice, by an
 * implementation written in this test (Jackson and plain {@code java.security}, not the gateway's
 * classes) and by {@code bin/AuditVerify.java} run as {@code bin/mm audit-verify} runs it.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = true)
class SignedHistoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSTALL = "dev.modelmanager.weights.install.";
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  /** A reason with every kind of character the canonical form must escape as the gateway does. */
  private static final String REASON =
      "The Hub said \"403\" \\ retry later\n\ttoken scope é ✓ 🚀 \u001f end";

  @TempDir Path dir;

  @Test
  void anInstallsHistoryIsSignedAndVerifiesOfflineWithOnlyThePublicKey() throws Exception {
    String job = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    ObjectNode actor =
        JSON.createObjectNode()
            .put("subject", "op-" + job.substring(0, 8))
            .put("name", "Operator One")
            .put("authMethod", "api_token")
            .put("tokenId", "tok_123");
    Instant t0 = Instant.parse("2026-11-30T08:00:00Z");
    List<String> events = new ArrayList<>();
    events.add(install(job, "created", "QUEUED", 0, t0, actor, null));
    events.add(install(job, "progressed", "RESOLVING", 0, t0.plusSeconds(1), actor, null));
    events.add(install(job, "progressed", "DOWNLOADING", 100, t0.plusSeconds(2), actor, null));
    // A second tick in the same state is progress, not a transition: not recorded.
    events.add(install(job, "progressed", "DOWNLOADING", 900, t0.plusSeconds(7), actor, null));
    events.add(install(other, "created", "QUEUED", 0, t0.plusSeconds(7), actor, null));
    events.add(install(job, "failed", "FAILED", 900, t0.plusSeconds(9), actor, REASON));
    NotificationsTest.produce("mm.history-test", events);

    String viewer =
        TestAuth.token("viewer-" + job.substring(0, 8), "viewer", List.of("weights:read"));
    String path = "/api/v1/audit/history/installs/" + job;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> outcomes(lines(viewer, path)).contains("failed"));
    List<JsonNode> records = lines(viewer, path);
    assertThat(outcomes(records)).containsExactly("queued", "resolving", "downloading", "failed");

    JsonNode failed = records.get(3);
    assertThat(failed.get("action").asText()).isEqualTo("EVENT " + INSTALL + "failed");
    assertThat(failed.get("actorSubject").asText()).isEqualTo(actor.get("subject").asText());
    assertThat(failed.get("actorName").asText()).isEqualTo("Operator One");
    assertThat(failed.get("tokenId").asText()).isEqualTo("tok_123");
    assertThat(failed.get("time").asText()).isEqualTo("2026-11-30T08:00:09Z");
    JsonNode details = failed.get("details");
    assertThat(details.get("id").asText()).isEqualTo(job);
    assertThat(details.get("repo").asText()).isEqualTo("acme/tiny-model");
    assertThat(details.get("commit").asText()).isEqualTo(COMMIT);
    assertThat(details.get("location").asText()).isEqualTo("fast-nvme");
    assertThat(details.get("state").asText()).isEqualTo("FAILED");
    assertThat(details.get("bytesDone").asText()).isEqualTo("900");
    assertThat(details.get("reason").asText()).isEqualTo(REASON);
    assertThat(records.get(2).get("details").get("bytesDone").asText()).isEqualTo("100");

    // Least privilege: the history needs the area's read scope, not the audit's.
    String deployOnly =
        TestAuth.token("deploy-" + job.substring(0, 8), "viewer", List.of("deploy:read"));
    as(deployOnly).get(path).then().statusCode(403);
    as(viewer).get("/api/v1/audit/export").then().statusCode(403);
    as(viewer).get("/api/v1/audit/history/installs/not-a-uuid").then().statusCode(400);

    String pem =
        as(viewer)
            .accept("application/x-pem-file")
            .get("/api/v1/audit/public-key")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    PublicKey key = publicKey(pem);
    for (JsonNode r : records) {
      assertThat(verifies(r, key)).as("record %s", r.get("id")).isTrue();
    }

    // The same export through the offline tool: OK, exit 0.
    String export =
        as(viewer)
            .queryParam("format", "jsonl")
            .get(path)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    Path file = Files.writeString(dir.resolve("install.jsonl"), export);
    Path pemFile = Files.writeString(dir.resolve("audit-public.pem"), pem);
    Run ok = auditVerify(file, pemFile);
    assertThat(ok.exit()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("OK: 4 records");

    // One byte changed in one record (the location's first letter) and both verifiers refuse it.
    String tampered =
        export.replaceFirst("\"location\":\"fast-nvme\"", "\"location\":\"gast-nvme\"");
    assertThat(tampered).isNotEqualTo(export);
    assertThat(verifies(JSON.readTree(tampered.lines().findFirst().orElseThrow()), key)).isFalse();
    Run broken = auditVerify(Files.writeString(dir.resolve("tampered.jsonl"), tampered), pemFile);
    assertThat(broken.exit()).as(broken.output()).isEqualTo(1);
    assertThat(broken.output()).contains("record 1 (id ").contains("FAILED: 1 of 4");

    // Another key does not verify them either.
    Path otherKey = dir.resolve("other");
    AuditKeys.inDirectory(otherKey);
    Run wrongKey = auditVerify(file, otherKey.resolve(AuditKeys.PUBLIC_FILE));
    assertThat(wrongKey.exit()).isEqualTo(1);
    assertThat(wrongKey.output()).contains("not by this public key");
  }

  @Test
  void aDeploymentsHistoryHoldsItsRequestsAndRevisionStatesAndTheWholeTrailVerifies()
      throws Exception {
    String name = "dep-" + UUID.randomUUID().toString().substring(0, 8);
    Instant t0 = Instant.parse("2026-11-30T09:00:00Z");
    List<String> events =
        List.of(
            deploy(name, "deployment.activated", t0, Map.of("revision", 1, "entryId", "tiny")),
            deploy(name, "revision.pending", t0.plusSeconds(1), revision(1, "PENDING", null)),
            deploy(name, "revision.ready", t0.plusSeconds(2), revision(1, "READY", null)),
            // Health and drift are observations, not history: not recorded.
            deploy(name, "deployment.health-changed", t0.plusSeconds(3), Map.of("revision", 1)),
            deploy(
                name,
                "deployment.deactivated",
                t0.plusSeconds(4),
                Map.of("revision", 2, "mode", "DELETE", "reason", "no longer needed")),
            deploy(name, "revision.failed", t0.plusSeconds(5), revision(2, "FAILED", "quota")));
    NotificationsTest.produce("mm.history-test", events);

    String viewer = TestAuth.token("dviewer-" + name, "viewer", List.of("deploy:read"));
    String path = "/api/v1/audit/history/deployments/" + name;
    await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(array(viewer, path)).size() == 5);
    List<JsonNode> records = array(viewer, path);
    assertThat(outcomes(records))
        .containsExactly("activated", "pending", "ready", "deactivated", "failed");
    assertThat(records.get(3).get("details").get("mode").asText()).isEqualTo("DELETE");
    assertThat(records.get(4).get("details").get("reason").asText()).isEqualTo("quota");
    as(viewer).get("/api/v1/audit/history/installs/" + UUID.randomUUID()).then().statusCode(403);

    // The json array verifies offline too.
    Path pem =
        Files.writeString(
            dir.resolve("pem"),
            as(viewer).accept("application/x-pem-file").get("/api/v1/audit/public-key").asString());
    Path history =
        Files.writeString(dir.resolve("deployment.json"), as(viewer).get(path).asString());
    Run ok = auditVerify(history, pem);
    assertThat(ok.exit()).as(ok.output()).isZero();

    // So does the whole trail: request records (no details) and the links between them.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> asAdmin().get("/api/v1/audit/verify").jsonPath().getBoolean("valid"));
    Path trail =
        Files.writeString(
            dir.resolve("trail.jsonl"),
            asAdmin().queryParam("format", "jsonl").get("/api/v1/audit/export").asString());
    Run whole = auditVerify(trail, pem);
    assertThat(whole.exit()).as(whole.output()).isZero();
    assertThat(whole.output()).doesNotContain(" 0 links");
  }

  /**
   * The documented canonical form (docs/audit.md), rebuilt from the exported record alone, hashed
   * and checked against the signature with the JDK's Ed25519.
   */
  private static boolean verifies(JsonNode record, PublicKey key) throws Exception {
    ObjectNode canonical = JSON.createObjectNode();
    canonical.put("seq", record.get("id").asLong());
    for (String f :
        List.of(
            "time",
            "kind",
            "actorSubject",
            "actorName",
            "authMethod",
            "tokenId",
            "action",
            "targets",
            "outcome",
            "requestId",
            "clientAddress",
            "eventId")) {
      canonical.set(f, record.get(f));
    }
    JsonNode details = record.get("details");
    if (details != null && !details.isNull() && !details.isEmpty()) {
      ObjectNode sorted = canonical.putObject("details");
      List<String> keys = new ArrayList<>();
      details.fieldNames().forEachRemaining(keys::add);
      keys.stream().sorted().forEach(k -> sorted.set(k, details.get(k)));
    }
    canonical.set("prevHash", record.get("prevHash"));
    canonical.set("keyId", record.get("keyId"));
    byte[] bytes = JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    Signature ed25519 = Signature.getInstance("Ed25519");
    ed25519.initVerify(key);
    ed25519.update(bytes);
    return hash.equals(record.get("hash").asText())
        && ed25519.verify(Base64.getDecoder().decode(record.get("signature").asText()));
  }

  private static PublicKey publicKey(String pem) throws Exception {
    String body =
        pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "");
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
  }

  private record Run(int exit, String output) {}

  /** {@code bin/AuditVerify.java} on the JDK running this test, as {@code bin/mm audit-verify}. */
  private static Run auditVerify(Path export, Path pem) throws IOException, InterruptedException {
    Path tool = Path.of("..", "bin", "AuditVerify.java").toAbsolutePath().normalize();
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(java, tool.toString(), export.toString(), pem.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), output);
  }

  private static List<String> outcomes(List<JsonNode> records) {
    return records.stream().map(r -> r.get("outcome").asText()).toList();
  }

  private static List<JsonNode> lines(String token, String path) throws IOException {
    String body =
        as(token)
            .queryParam("format", "jsonl")
            .get(path)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<JsonNode> out = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  private static List<JsonNode> array(String token, String path) throws IOException {
    JsonNode body = JSON.readTree(as(token).get(path).then().statusCode(200).extract().asString());
    List<JsonNode> out = new ArrayList<>();
    body.forEach(out::add);
    return out;
  }

  private static String install(
      String job, String verb, String state, long bytes, Instant time, JsonNode actor, String why) {
    ObjectNode data =
        JSON.createObjectNode()
            .put("id", job)
            .put("repo", "acme/tiny-model")
            .put("revision", "main")
            .put("commit", COMMIT)
            .put("location", "fast-nvme")
            .put("state", state)
            .put("bytesDone", bytes)
            .put("bytesTotal", 900L)
            .put("attempts", 1)
            .put("updatedAt", time.toString());
    data.set("actor", actor);
    if (why != null) {
      data.putObject("error").put("title", "Forbidden").put("detail", why);
    }
    return event(INSTALL + verb, job, time, data);
  }

  private static Map<String, Object> revision(int number, String state, String reason) {
    Map<String, Object> data = new java.util.HashMap<>();
    data.put("revision", number);
    data.put("action", "ACTIVATE");
    data.put("state", state);
    data.put("entryId", "tiny");
    data.put("actor", "alice");
    if (reason != null) {
      data.put("reason", reason);
    }
    return data;
  }

  private static String deploy(String name, String what, Instant time, Map<String, Object> data) {
    ObjectNode node = JSON.valueToTree(data);
    node.put("deployment", name);
    return event("dev.modelmanager.deploy." + what, name, time, node);
  }

  private static String event(String type, String subject, Instant time, JsonNode data) {
    ObjectNode e =
        JSON.createObjectNode()
            .put("specversion", "1.0")
            .put("id", UUID.randomUUID().toString())
            .put("source", "/test/history")
            .put("type", type)
            .put("subject", subject)
            .put("time", time.toString())
            .put("datacontenttype", "application/json");
    e.set("data", data);
    return e.toString();
  }
}
