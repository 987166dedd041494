package dev.modelmanager.gateway.audit;

import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.gateway.FakeServicesResource;
import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The audit trail through the gateway: recording, reading, exporting, verifying. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = true)
class AuditResourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyMutatingCallIsRecordedWithItsActorAndReadsAreNot() {
    String actor = unique("op");
    asAdmin()
        .header(TestCallerFilter.SUBJECT, actor)
        .header(TestCallerFilter.ROUTE, "/api/v1/weights/installs/{id}/cancel")
        .header("X-Request-ID", "req-" + actor)
        .post("/api/v1/weights/installs/job-77/cancel")
        .then()
        .statusCode(200);
    asAdmin()
        .header(TestCallerFilter.SUBJECT, actor)
        .post("/api/v1/weights/12/pin")
        .then()
        .statusCode(200);
    asAdmin()
        .header(TestCallerFilter.SUBJECT, actor)
        .post("/api/v1/weights/installs/3f1c2b9e-8d0a-4c55-9b7e-0123456789ab/retry")
        .then()
        .statusCode(200);
    asAdmin()
        .header(TestCallerFilter.SUBJECT, actor)
        .get("/api/v1/weights/installs")
        .then()
        .statusCode(200);

    List<Map<String, Object>> items = awaitItems(actor, 3);
    // Newest first.
    assertThat(items)
        .extracting(i -> i.get("action"))
        .containsExactly(
            "POST /api/v1/weights/installs/{id}/retry",
            "POST /api/v1/weights/{id}/pin",
            "POST /api/v1/weights/installs/{id}/cancel");
    Map<String, Object> cancel = items.get(2);
    assertThat(cancel.get("actorSubject")).isEqualTo(actor);
    assertThat(cancel.get("actorName")).isEqualTo("Name of " + actor);
    assertThat(cancel.get("authMethod")).isEqualTo("api_token");
    assertThat(cancel.get("tokenId")).isEqualTo("token-of-" + actor);
    assertThat(cancel.get("targets")).isEqualTo(List.of("job-77"));
    assertThat(cancel.get("outcome")).isEqualTo("200");
    assertThat(cancel.get("requestId")).isEqualTo("req-" + actor);
    assertThat(cancel.get("clientAddress")).isEqualTo("127.0.0.1");
    assertThat(cancel.get("kind")).isEqualTo("request");
    assertThat(items.get(1).get("targets")).isEqualTo(List.of("12"));
  }

  @Test
  void deniedRequestsAreRecordedWhicheverTheMethod() {
    String actor = unique("viewer");
    asAdmin()
        .header(TestCallerFilter.SUBJECT, actor)
        .header(TestCallerFilter.DENY, "403")
        .header(TestCallerFilter.ROUTE, "/api/v1/weights/installs")
        .post("/api/v1/weights/installs")
        .then()
        .statusCode(403);
    asAdmin()
        .header(TestCallerFilter.SUBJECT, actor)
        .header(TestCallerFilter.DENY, "403")
        .get("/api/v1/audit")
        .then()
        .statusCode(403);

    List<Map<String, Object>> items = awaitItems(actor, 2);
    assertThat(items)
        .extracting(i -> i.get("action") + " " + i.get("outcome"))
        .containsExactly("GET /api/v1/audit 403", "POST /api/v1/weights/installs 403");

    asAdmin()
        .queryParam("outcome", "403")
        .queryParam("action", "GET /api/v1/audit")
        .queryParam("actor", actor)
        .get("/api/v1/audit")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1));
  }

  @Test
  void theListPagesWithACursorAndRejectsBadParameters() {
    String actor = unique("pager");
    for (int i = 0; i < 3; i++) {
      asAdmin()
          .header(TestCallerFilter.SUBJECT, actor)
          .post("/api/v1/weights/p" + i + "/pin")
          .then()
          .statusCode(200);
    }
    awaitItems(actor, 3);
    JsonPath page1 =
        asAdmin().queryParam("actor", actor).queryParam("limit", 2).get("/api/v1/audit").jsonPath();
    assertThat(page1.getList("items.collect { it.targets[0] }", String.class))
        .containsExactly("p2", "p1");
    JsonPath page2 =
        asAdmin()
            .queryParam("actor", actor)
            .queryParam("limit", 2)
            .queryParam("cursor", page1.getString("nextCursor"))
            .get("/api/v1/audit")
            .jsonPath();
    assertThat(page2.getList("items.collect { it.targets[0] }", String.class))
        .containsExactly("p0");
    assertThat(page2.getString("nextCursor")).isNull();

    for (Map.Entry<String, String> bad :
        Map.of("cursor", "1; drop", "limit", "0", "from", "yesterday").entrySet()) {
      asAdmin()
          .queryParam(bad.getKey(), bad.getValue())
          .get("/api/v1/audit")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    asAdmin().queryParam("format", "xml").get("/api/v1/audit/export").then().statusCode(400);
  }

  @Test
  void theCsvExportParsesAndHoldsTheFilteredRecordsOldestFirst() throws Exception {
    // A subject with a comma and quotes: the CSV must quote it and the parser get it back whole.
    String actor = unique("csv") + ", \"quoted\"";
    asAdmin()
        .header(TestCallerFilter.SUBJECT, actor)
        .post("/api/v1/weights/a/pin")
        .then()
        .statusCode(200);
    asAdmin()
        .header(TestCallerFilter.SUBJECT, actor)
        .post("/api/v1/weights/installs/42/cancel")
        .then()
        .statusCode(200);
    awaitItems(actor, 2);

    Response export =
        asAdmin()
            .queryParam("format", "csv")
            .queryParam("actor", actor)
            .get("/api/v1/audit/export");
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.contentType()).startsWith("text/csv");
    List<CSVRecord> rows;
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(export.asString()))) {
      assertThat(parser.getHeaderNames()).containsExactlyElementsOf(AuditRecordView.COLUMNS);
      rows = parser.getRecords();
    }
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("action")).isEqualTo("POST /api/v1/weights/{id}/pin");
    assertThat(rows.get(0).get("actorSubject")).isEqualTo(actor);
    assertThat(rows.get(1).get("action")).isEqualTo("POST /api/v1/weights/installs/{id}/cancel");
    assertThat(rows.get(1).get("targets")).isEqualTo("42");
    assertThat(rows.get(1).get("outcome")).isEqualTo("200");
    assertThat(Long.parseLong(rows.get(1).get("id")))
        .isGreaterThan(Long.parseLong(rows.get(0).get("id")));
    assertThat(rows.get(1).get("signature")).isNotBlank();
  }

  @Test
  void anExportedRecordVerifiesOfflineWithOnlyThePublishedPublicKey() throws Exception {
    String actor = unique("offline");
    asAdmin()
        .header(TestCallerFilter.SUBJECT, actor)
        .post("/api/v1/weights/installs")
        .then()
        .statusCode(200);
    awaitItems(actor, 1);
    String pem =
        asAdmin()
            .accept("application/x-pem-file")
            .get("/api/v1/audit/public-key")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    JsonPath key = asAdmin().get("/api/v1/audit/public-key").jsonPath();
    assertThat(key.getString("pem")).isEqualTo(pem);
    assertThat(key.getString("jwk.kty")).isEqualTo("OKP");
    assertThat(key.getString("jwk.crv")).isEqualTo("Ed25519");

    String line =
        asAdmin()
            .queryParam("format", "jsonl")
            .queryParam("actor", actor)
            .get("/api/v1/audit/export")
            .then()
            .statusCode(200)
            .extract()
            .asString()
            .strip();
    assertThat(line).doesNotContain("\n");
    JsonNode record = JSON.readTree(line);

    // The documented canonical form, rebuilt from the export alone (docs/audit.md).
    ObjectNode canonical = JSON.createObjectNode();
    canonical.put("seq", record.get("id").asLong());
    for (String field :
        List.of("time", "kind", "actorSubject", "actorName", "authMethod", "tokenId", "action")) {
      canonical.set(field, record.get(field));
    }
    canonical.set("targets", record.get("targets"));
    for (String field :
        List.of("outcome", "requestId", "clientAddress", "eventId", "prevHash", "keyId")) {
      canonical.set(field, record.get(field));
    }
    byte[] bytes = JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .isEqualTo(record.get("hash").asText());
    String body =
        pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "");
    PublicKey publicKey =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(publicKey);
    verifier.update(bytes);
    assertThat(verifier.verify(Base64.getDecoder().decode(record.get("signature").asText())))
        .isTrue();

    // One changed character and the signature no longer holds.
    byte[] tampered =
        new String(bytes, StandardCharsets.UTF_8)
            .replace("\"outcome\":\"200\"", "\"outcome\":\"500\"")
            .getBytes(StandardCharsets.UTF_8);
    verifier.initVerify(publicKey);
    verifier.update(tampered);
    assertThat(verifier.verify(Base64.getDecoder().decode(record.get("signature").asText())))
        .isFalse();
  }

  @Test
  void editingOrDeletingARowInPostgresIsReportedByVerify() throws Exception {
    String actor = unique("tamper");
    for (int i = 0; i < 3; i++) {
      asAdmin()
          .header(TestCallerFilter.SUBJECT, actor)
          .post("/api/v1/weights/t" + i + "/pin")
          .then()
          .statusCode(200);
    }
    List<Map<String, Object>> items = awaitItems(actor, 3);
    long middle = ((Number) items.get(1).get("id")).longValue();
    awaitValid();

    sql("update gateway.audit_record set actor_subject = 'someone-else' where seq = " + middle);
    try {
      asAdmin()
          .get("/api/v1/audit/verify")
          .then()
          .statusCode(200)
          .body("valid", equalTo(false))
          .body("firstBrokenId", equalTo((int) middle));
    } finally {
      sql("update gateway.audit_record set actor_subject = '" + actor + "' where seq = " + middle);
    }
    awaitValid();

    sql(
        "create table gateway.audit_keep as select * from gateway.audit_record where seq = "
            + middle);
    sql("delete from gateway.audit_record where seq = " + middle);
    try {
      asAdmin()
          .get("/api/v1/audit/verify")
          .then()
          .statusCode(200)
          .body("valid", equalTo(false))
          .body("firstBrokenId", equalTo((int) middle));
    } finally {
      sql("insert into gateway.audit_record select * from gateway.audit_keep");
      sql("drop table gateway.audit_keep");
    }
    awaitValid();
  }

  @Test
  void backgroundOutcomesFromKafkaAreRecordedOnceLinkedToTheActorWhoStartedThem() throws Exception {
    String actor = unique("starter");
    String job = UUID.randomUUID().toString();
    String eventId = UUID.randomUUID().toString();
    String succeeded =
        cloudEvent(
            eventId,
            "dev.modelmanager.weights.install.succeeded",
            job,
            "{\"jobId\":\"" + job + "\",\"actor\":\"" + actor + "\"}");
    String systemEventId = UUID.randomUUID().toString();
    String revisionFailed =
        cloudEvent(systemEventId, "dev.modelmanager.deploy.revision.failed", "dep-1", "{}");
    String progress =
        cloudEvent(
            UUID.randomUUID().toString(),
            "dev.modelmanager.weights.install.progressed",
            job,
            "{\"actor\":\"" + actor + "\"}");
    produce(List.of(succeeded, progress, succeeded, revisionFailed));

    List<Map<String, Object>> items = awaitItems(actor, 1);
    Map<String, Object> outcome = items.get(0);
    assertThat(outcome.get("kind")).isEqualTo("event");
    assertThat(outcome.get("action")).isEqualTo("EVENT dev.modelmanager.weights.install.succeeded");
    assertThat(outcome.get("outcome")).isEqualTo("succeeded");
    assertThat(outcome.get("targets")).isEqualTo(List.of(job));
    assertThat(outcome.get("eventId")).isEqualTo(eventId);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                asAdmin()
                    .queryParam("actor", "system")
                    .queryParam("target", "dep-1")
                    .get("/api/v1/audit")
                    .jsonPath()
                    .getList("items.eventId", String.class)
                    .contains(systemEventId));
    // The duplicate delivery (and the progress event) added nothing for this actor.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> items(actor).size() == 1);
  }

  private static void awaitValid() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> asAdmin().get("/api/v1/audit/verify").jsonPath().getBoolean("valid"));
  }

  private static List<Map<String, Object>> awaitItems(String actor, int count) {
    await().atMost(Duration.ofSeconds(30)).until(() -> items(actor).size() >= count);
    return items(actor);
  }

  private static List<Map<String, Object>> items(String actor) {
    return asAdmin()
        .queryParam("actor", actor)
        .queryParam("limit", 100)
        .get("/api/v1/audit")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  private static void sql(String statement) throws Exception {
    PostgresResource.Endpoint pg = PostgresResource.endpoint();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static void produce(List<String> values) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.broker().bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (String value : values) {
        ProducerRecord<String, String> record = new ProducerRecord<>("mm.audit-test", "k", value);
        record
            .headers()
            .add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
      }
    }
  }

  private static String cloudEvent(String id, String type, String subject, String data) {
    return "{\"specversion\":\"1.0\",\"id\":\""
        + id
        + "\",\"source\":\"/test/audit\",\"type\":\""
        + type
        + "\",\"subject\":\""
        + subject
        + "\",\"time\":\"2025-06-01T10:00:00Z\",\"datacontenttype\":\"application/json\","
        + "\"data\":"
        + data
        + "}";
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
