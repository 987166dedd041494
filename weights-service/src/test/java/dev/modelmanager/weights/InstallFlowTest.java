package dev.modelmanager.weights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(WeightsTestProfile.class)
class InstallFlowTest {
  private static final Duration MINUTE = Duration.ofSeconds(60);

  @Test
  void installsEveryPlannedFileVerifiedAsAHubCache() throws Exception {
    String id =
        given()
            .contentType(ContentType.JSON)
            // overwrite: the test stands alone whether another test installed it first or not
            .body("{\"repo\": \"mm-test/small\", \"overwrite\": true}")
            .post("/api/v1/weights/installs")
            .then()
            .statusCode(202)
            .header("Location", containsString("/api/v1/weights/installs/"))
            .body("state", equalTo("QUEUED"))
            .body("location", equalTo("main"))
            .body("revision", equalTo("main"))
            .extract()
            .path("id");

    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
    String commit = job.getString("commit");
    assertThat(commit).matches("[0-9a-f]{40}");
    assertThat(job.getLong("progress.bytesDone")).isEqualTo(job.getLong("progress.bytesTotal"));
    List<String> paths = job.getList("progress.files.path");
    assertThat(paths)
        .contains(
            "config.json",
            "model-00001-of-00002.safetensors",
            "model-00002-of-00002.safetensors",
            "empty.txt")
        .doesNotContain("pytorch_model.bin", "original/consolidated.00.pth");
    assertThat(job.getList("progress.files.verified", Boolean.class)).containsOnly(true);

    HfCacheCheck.assertReadable(location("main"), "mm-test/small", "main", commit, paths);
  }

  @Test
  void aSecondRevisionReusesTheBlobsItShares() throws Exception {
    ensureInstalled("{\"repo\": \"mm-test/small\"}");
    long before = HubAdmin.cdnBytesOf("mm-test/small");
    String id =
        Installs.start("{\"repo\": \"mm-test/small\", \"revision\": \"v2\", \"overwrite\": true}");
    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
    assertThat(HubAdmin.cdnBytesOf("mm-test/small") - before)
        .as("no LFS byte fetched again")
        .isZero();
    HfCacheCheck.assertReadable(
        location("main"), "mm-test/small", "v2", job.getString("commit"), List.of("config.json"));
  }

  @Test
  void theOfficialHubClientReadsTheLocationAsItsCache() throws Exception {
    ensureInstalled("{\"repo\": \"mm-test/small\"}");
    ensureInstalled("{\"repo\": \"mm-test/small\", \"revision\": \"v2\"}");
    JsonNode scan = OfficialHubClient.scanCache(location("main"));
    JsonNode repo = null;
    for (JsonNode r : scan.path("repos")) {
      if (r.path("repoId").asText().equals("mm-test/small")) {
        repo = r;
      }
    }
    assertThat(repo).as(scan.toPrettyString()).isNotNull();
    assertThat(repo.path("type").asText()).isEqualTo("model");
    List<String> refs = new java.util.ArrayList<>();
    repo.path("revisions").forEach(v -> v.path("refs").forEach(r -> refs.add(r.asText())));
    assertThat(refs).contains("main", "v2");
    assertThat(repo.path("revisions").get(0).path("files").size()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void aRevisionOnAnInstalledCommitOnlyWritesItsRef() throws Exception {
    ensureInstalled("{\"repo\": \"mm-test/small\"}");
    long before = HubAdmin.cdnBytesOf("mm-test/small");
    assertThat(before).as("the count sees this repo's earlier transfers").isPositive();
    String id =
        Installs.start("{\"repo\": \"mm-test/small\", \"revision\": \"stable\", \"pin\": true}");
    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
    assertThat(job.getString("commit")).isEqualTo(WeightsHubResource.SMALL_MAIN_SHA);
    assertThat(HubAdmin.cdnBytesOf("mm-test/small")).isEqualTo(before);
    assertThat(location("main").resolve("models--mm-test--small/refs/stable"))
        .hasContent(WeightsHubResource.SMALL_MAIN_SHA);
    given()
        .get("/api/v1/weights?q=mm-test/small&location=main&pinned=true")
        .then()
        .statusCode(200)
        .body("items.commit", org.hamcrest.Matchers.hasItem(WeightsHubResource.SMALL_MAIN_SHA));
  }

  @Test
  void anInstalledSnapshotConflictsUnlessOverwrite() {
    String body =
        "{\"repo\": \"mm-test/small\", \"location\": \"second\", \"include\": [\"*.json\"]";
    ensureInstalled(body + "}");
    given()
        .contentType(ContentType.JSON)
        .body(body + "}")
        .post("/api/v1/weights/installs")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("overwrite"));
    String id = Installs.start(body + ", \"overwrite\": true}");
    assertThat(Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED").getString("state"))
        .isEqualTo("SUCCEEDED");
  }

  @Test
  void badRequestsAreProblems() {
    post("{\"repo\": \"not a repo\"}").statusCode(400).body("errors[0].field", equalTo("repo"));
    post("{\"repo\": \"../etc\"}").statusCode(400);
    post("{\"repo\": \"org/x\", \"revision\": \"../../main\"}")
        .statusCode(400)
        .body("errors[0].field", equalTo("revision"));
    post("{\"repo\": \"org/x\", \"include\": [\"[abc\"]}")
        .statusCode(400)
        .body("errors[0].field", equalTo("include[0]"));
    post("{\"repo\": \"org/x\", \"location\": \"nowhere\"}")
        .statusCode(404)
        .body("detail", containsString("nowhere"));
    given()
        .get("/api/v1/weights/installs/" + java.util.UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void theJobListFiltersByTextInRepoOrRevision() {
    String id = Installs.start("{\"repo\": \"mm-test/small\", \"location\": \"tiny\"}");
    given()
        .queryParam("q", "MM-TEST/SMA")
        .queryParam("limit", 500)
        .get("/api/v1/weights/installs")
        .then()
        .statusCode(200)
        .body("items.id", org.hamcrest.Matchers.hasItem(id))
        .body("items.repo", org.hamcrest.Matchers.everyItem(equalTo("mm-test/small")));
    given()
        .queryParam("q", "no-such-model-anywhere")
        .get("/api/v1/weights/installs")
        .then()
        .statusCode(200)
        .body("items", org.hamcrest.Matchers.empty());
    given()
        .queryParam("q", "x".repeat(201))
        .get("/api/v1/weights/installs")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void aLocationWithoutRoomRefusesWith507() {
    String id = Installs.start("{\"repo\": \"mm-test/small\", \"location\": \"tiny\"}");
    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(job.getString("state")).isEqualTo("FAILED");
    assertThat(job.getInt("error.status")).isEqualTo(507);
    assertThat(job.getString("error.type")).endsWith("/insufficient-storage");
    assertThat(job.getString("error.detail")).contains("missing");
  }

  @Test
  void anUnknownRepoIsRefusedWithNotFound() {
    post("{\"repo\": \"mm-test/does-not-exist\"}")
        .statusCode(404)
        .body("detail", containsString("mm-test/does-not-exist"));
  }

  @Test
  void hostileTreePathsAreRejectedAndNothingIsWritten() throws Exception {
    String id = Installs.start("{\"repo\": \"mm-test/hostile\"}");
    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(job.getString("state")).isEqualTo("FAILED");
    assertThat(job.getInt("error.status")).isEqualTo(400);
    assertThat(job.getString("error.detail")).contains("unsafe path");
    assertThat(location("main").resolve("models--mm-test--hostile/snapshots")).doesNotExist();
    assertThat(Files.list(WeightsHubResource.root()).map(p -> p.getFileName().toString()).toList())
        .doesNotContain("escape");
  }

  /** Installs unless installed already (409) or being installed (200: the open job). */
  private static void ensureInstalled(String body) {
    var r =
        given()
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/weights/installs")
            .then()
            .extract()
            .response();
    if (r.statusCode() == 409) {
      return;
    }
    assertThat(r.statusCode()).as(r.asString()).isIn(200, 202);
    JsonPath job = Installs.awaitState(r.jsonPath().getString("id"), MINUTE, "SUCCEEDED", "FAILED");
    assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
  }

  private static io.restassured.response.ValidatableResponse post(String body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/weights/installs")
        .then()
        .contentType("application/problem+json");
  }

  static Path location(String name) {
    return WeightsHubResource.root().resolve(name);
  }
}
