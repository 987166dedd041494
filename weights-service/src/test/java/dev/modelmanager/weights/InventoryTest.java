package dev.modelmanager.weights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inventory, pinning, delete, purge and reconciliation on real folders. */
@QuarkusTest
@TestProfile(WeightsTestProfile.class)
class InventoryTest {
  @jakarta.inject.Inject dev.modelmanager.weights.service.StaleWeightsReport staleReport;
  @jakarta.inject.Inject io.micrometer.core.instrument.MeterRegistry registry;
  private static final Duration MINUTE = Duration.ofSeconds(60);

  @Test
  void purgeNeverPlansPinnedSnapshotsAndDeletesOnlyUnusedBlobs() {
    String pinned =
        install("{\"repo\": \"mm-test/purge-a\", \"location\": \"second\", \"pin\": true}");
    String unpinned = install("{\"repo\": \"mm-test/purge-b\", \"location\": \"second\"}");
    JsonPath a = snapshot("mm-test/purge-a");
    assertThat(a.getBoolean("pinned")).isTrue();
    assertThat(a.getBoolean("inUse")).isFalse();
    assertThat(a.getBoolean("verified")).isTrue();
    assertThat(a.getString("status")).isEqualTo("READY");

    given()
        .get("/api/v1/weights?pinned=true&location=second")
        .then()
        .statusCode(200)
        .body("items.repo", hasItems("mm-test/purge-a"));
    given()
        .get("/api/v1/weights?q=purge-b")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1));

    JsonPath plan =
        purge(
            "{\"policy\": \"lru\", \"targetFreeBytes\": 9223372036854775807, \"location\": \"second\"}");
    assertThat(plan.getBoolean("dryRun")).isTrue();
    assertThat(plan.getList("snapshots.repo", String.class))
        .contains("mm-test/purge-b")
        .doesNotContain("mm-test/purge-a");
    assertThat(plan.getLong("bytesFreed")).isGreaterThan(4L << 20);
    assertThat(snapshotDir("second", "mm-test/purge-b", unpinned))
        .as("dry run deletes nothing")
        .exists();
    JsonPath byAge = purge("{\"policy\": \"age\", \"maxAgeDays\": 0, \"location\": \"second\"}");
    assertThat(byAge.getList("snapshots.repo", String.class)).doesNotContain("mm-test/purge-a");

    JsonPath done =
        purge(
            "{\"policy\": \"lru\", \"targetFreeBytes\": 9223372036854775807, \"location\": \"second\", \"dryRun\": false}");
    assertThat(done.getList("snapshots.repo", String.class)).contains("mm-test/purge-b");
    assertThat(second().resolve("models--mm-test--purge-b")).doesNotExist();
    assertThat(snapshotDir("second", "mm-test/purge-a", pinned)).exists();
  }

  @Test
  void staleUnusedSnapshotsAreReportedAsPurgeCandidatesAndKept() {
    install(
        "{\"repo\": \"mm-test/small\", \"location\": \"second\", \"include\": [\"config.json\"],"
            + " \"overwrite\": true}");

    // max-age-days is 0 in the tests: anything unpinned and not in use is stale.
    var outcome = staleReport.report().get("second");
    assertThat(outcome.dryRun()).isTrue();
    assertThat(outcome.snapshots())
        .extracting(s -> s.snapshot().repo())
        .contains("mm-test/small")
        .doesNotContain("mm-test/purge-a");
    assertThat(registry.get("mm_weights_stale_snapshots").tag("location", "second").gauge().value())
        .isEqualTo(outcome.snapshots().size());
    given()
        .get("/api/v1/weights?q=small")
        .then()
        .statusCode(200)
        .body("items.repo", hasItems("mm-test/small"));
  }

  @Test
  void deletingASnapshotKeepsTheBlobsARunningInstallCountsOn() throws Exception {
    String main = install("{\"repo\": \"mm-test/small\", \"location\": \"holds\"}");
    String mainId = snapshot("mm-test/small&location=holds").getString("id");
    // v2 shares every weight file with main; its own config.json hangs until the faults clear.
    HubAdmin.faults(
        "{\"type\": \"stall\", \"afterBytes\": 1, \"ms\": 30000, \"path\":"
            + " \"/mm-test/small/resolve/**\"}");
    try {
      String v2 =
          Installs.start(
              "{\"repo\": \"mm-test/small\", \"revision\": \"v2\", \"location\": \"holds\"}");
      Installs.awaitState(v2, MINUTE, "DOWNLOADING");

      given().delete("/api/v1/weights/" + mainId).then().statusCode(200);
      Path blobs = WeightsHubResource.root().resolve("holds/models--mm-test--small/blobs");
      try (var files = Files.list(blobs)) {
        assertThat(files.filter(p -> !p.toString().endsWith(".incomplete")).count())
            .as("the shared weight blobs stay for the running install")
            .isGreaterThanOrEqualTo(2);
      }
      HubAdmin.clearFaults();
      JsonPath job = Installs.awaitState(v2, MINUTE, "SUCCEEDED", "FAILED");
      assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
      HfCacheCheck.assertReadable(
          WeightsHubResource.root().resolve("holds"),
          "mm-test/small",
          "v2",
          job.getString("commit"),
          List.of("config.json", "model-00001-of-00002.safetensors"));
    } finally {
      HubAdmin.clearFaults();
    }
    assertThat(main).hasSize(40);
  }

  @Test
  void pinnedSnapshotsCannotBeDeletedUntilUnpinned() {
    install("{\"repo\": \"mm-test/events\", \"location\": \"second\", \"pin\": true}");
    String id = snapshot("mm-test/events").getString("id");
    given()
        .delete("/api/v1/weights/" + id)
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    given()
        .post("/api/v1/weights/" + id + "/unpin")
        .then()
        .statusCode(200)
        .body("pinned", equalTo(false));
    given().delete("/api/v1/weights/" + id).then().statusCode(200);
    given().get("/api/v1/weights/" + id).then().statusCode(404);
    assertThat(second().resolve("models--mm-test--events")).doesNotExist();
  }

  @Test
  void reconcileAdoptsOrphansAndMarksMissingSnapshots() throws Exception {
    Path repo = second().resolve("models--someorg--orphan");
    byte[] content = "{\"orphan\": true}".getBytes(StandardCharsets.UTF_8);
    String blob = gitSha1(content);
    String commit = "0123456789abcdef0123456789abcdef01234567";
    Files.createDirectories(repo.resolve("blobs"));
    Files.write(repo.resolve("blobs").resolve(blob), content);
    Files.write(repo.resolve("blobs").resolve("a".repeat(64)), new byte[10]);
    Path snap = repo.resolve("snapshots").resolve(commit);
    Files.createDirectories(snap);
    Files.createSymbolicLink(snap.resolve("config.json"), Path.of("../../blobs/" + blob));
    Files.createDirectories(repo.resolve("refs"));
    Files.writeString(repo.resolve("refs/main"), commit);

    JsonPath report =
        given().post("/api/v1/weights/reconcile").then().statusCode(200).extract().jsonPath();
    assertThat(report.getList("adopted.repo", String.class)).contains("someorg/orphan");
    assertThat(report.getList("unreferencedBlobs.blob", String.class)).contains("a".repeat(64));
    given()
        .get("/api/v1/weights?orphaned=true")
        .then()
        .statusCode(200)
        .body("items.find { it.repo == 'someorg/orphan' }.revision", equalTo("main"))
        .body("items.find { it.repo == 'someorg/orphan' }.verified", equalTo(false));

    install(
        "{\"repo\": \"mm-test/small\", \"location\": \"second\", \"include\": [\"*.json\"], \"overwrite\": true}");
    String id = snapshot("mm-test/small&location=second").getString("id");
    String commitOfSmall = snapshot("mm-test/small&location=second").getString("commit");
    deleteTree(second().resolve("models--mm-test--small/snapshots").resolve(commitOfSmall));
    report = given().post("/api/v1/weights/reconcile").then().statusCode(200).extract().jsonPath();
    assertThat(report.getList("missing.id", String.class)).contains(id);
    given().get("/api/v1/weights/" + id).then().body("status", equalTo("MISSING"));
  }

  @Test
  void locationsShowCapacityAndUse() {
    given()
        .get("/api/v1/weights/locations")
        .then()
        .statusCode(200)
        .body("name", equalTo(List.of("main", "second", "tiny", "gated", "gated-cdn", "holds")))
        .body("[0].pvcName", equalTo("models-main"))
        .body("[0].capacityBytes", org.hamcrest.Matchers.greaterThan(0L))
        .body("[2].level", equalTo("WARN"));
  }

  @Test
  void listValidatesItsQuery() {
    given()
        .get("/api/v1/weights?status=BROKEN")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("status"));
    given()
        .get("/api/v1/weights?limit=0")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("limit"));
    given()
        .get("/api/v1/weights?cursor=bm90LWEtY3Vyc29y")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("cursor"));
    given().get("/api/v1/weights?status=ready&limit=1").then().statusCode(200);
  }

  @Test
  void purgeValidatesItsPolicy() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"policy\": \"random\"}")
        .post("/api/v1/weights/purge")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("policy"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"policy\": \"lru\"}")
        .post("/api/v1/weights/purge")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("targetFreeBytes"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"policy\": \"age\", \"location\": \"nope\"}")
        .post("/api/v1/weights/purge")
        .then()
        .statusCode(404);
  }

  private static String install(String body) {
    String id = Installs.start(body);
    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
    return job.getString("commit");
  }

  private static JsonPath snapshot(String repoQuery) {
    String[] parts = repoQuery.split("&", 2);
    String extra = parts.length > 1 ? "&" + parts[1] : "";
    JsonPath list =
        given()
            .get("/api/v1/weights?q=" + parts[0] + extra)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    return new JsonPath(
        given()
            .get(
                "/api/v1/weights/"
                    + list.getString("items.find { it.repo == '" + parts[0] + "' }.id"))
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  private static JsonPath purge(String body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/weights/purge")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static Path second() {
    return WeightsHubResource.root().resolve("second");
  }

  private static Path snapshotDir(String location, String repo, String commit) {
    return WeightsHubResource.root()
        .resolve(location)
        .resolve("models--" + repo.replace("/", "--"))
        .resolve("snapshots")
        .resolve(commit);
  }

  private static String gitSha1(byte[] content) throws Exception {
    java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-1");
    d.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
    return java.util.HexFormat.of().formatHex(d.digest(content));
  }

  private static void deleteTree(Path dir) throws Exception {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
