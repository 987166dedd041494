package dev.modelmanager.weights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The install's dry run ({@code POST /api/v1/weights/installs/plan}) answers what the job then
 * does: the same planned and skipped files (duplicate formats with the reason, pattern exclusions),
 * the bytes already present, and the 507 or 400 the install would end with.
 */
@QuarkusTest
@TestProfile(WeightsTestProfile.class)
class InstallPlanTest {
  private static final Duration MINUTE = Duration.ofSeconds(60);
  private static final long MIB = 1 << 20;
  private static final String REPO = "mm-test/duplicate-formats";

  private static ValidatableResponse plan(String body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/weights/installs/plan")
        .then();
  }

  private static Map<String, String> actions(JsonPath plan) {
    List<Map<String, Object>> files = plan.getList("files");
    return files.stream()
        .collect(Collectors.toMap(f -> (String) f.get("path"), f -> (String) f.get("action")));
  }

  @Test
  void duplicateFormatsAreSkippedWithTheReasonAndTheInstallDoesWhatThePlanSaid() {
    String body = "{\"repo\": \"" + REPO + "\", \"location\": \"second\", \"exclude\": [\"*.md\"]}";
    JsonPath before = plan(body).statusCode(200).extract().jsonPath();

    assertThat(actions(before))
        .containsEntry("model-00001-of-00002.safetensors", "download")
        .containsEntry("model-00002-of-00002.safetensors", "download")
        .containsEntry("config.json", "download")
        .containsEntry("params.json", "download")
        .containsEntry("consolidated.safetensors", "skip-duplicate")
        .containsEntry("original/consolidated.00.pth", "skip-duplicate")
        .containsEntry("original/params.json", "skip-duplicate")
        .containsEntry("model-Q4_K_M.gguf", "skip-duplicate")
        .containsEntry("README.md", "excluded")
        .hasSize(10);
    assertThat(before.getString("files.find { it.path == 'model-Q4_K_M.gguf' }.reason"))
        .contains("not loaded by vLLM");
    assertThat(before.getLong("files.find { it.path == 'consolidated.safetensors' }.size"))
        .isEqualTo(3 * MIB + 7);
    long planned = before.getLong("bytesPlanned");
    assertThat(planned).isGreaterThan(3 * MIB).isLessThan(3 * MIB + 100_000);
    assertThat(before.getLong("bytesToDownload")).isEqualTo(planned);
    assertThat(before.getLong("bytesPresent")).isZero();
    assertThat(before.getBoolean("fits")).isTrue();
    assertThat(before.getString("refusal")).isNull();
    assertThat(before.getString("commit")).matches("[0-9a-f]{40}");
    assertThat(before.getLong("freeBytes")).isPositive();

    String id = Installs.start(body);
    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");
    assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
    assertThat(job.getList("progress.files.path", String.class))
        .as("the job fetched exactly what the plan said it would")
        .containsExactlyInAnyOrderElementsOf(
            actions(before).entrySet().stream()
                .filter(e -> e.getValue().equals("download"))
                .map(Map.Entry::getKey)
                .toList());
    assertThat(job.getLong("progress.bytesTotal")).isEqualTo(planned);

    JsonPath after = plan(body).statusCode(200).extract().jsonPath();
    assertThat(actions(after))
        .containsEntry("model-00001-of-00002.safetensors", "present")
        .containsEntry("config.json", "present")
        .containsEntry("model-Q4_K_M.gguf", "skip-duplicate");
    assertThat(after.getLong("bytesToDownload")).isZero();
    assertThat(after.getLong("bytesPresent")).isEqualTo(planned);
  }

  @Test
  void aLocationWithoutRoomIsPredictedAs507WithTheAdmissionsDetail() {
    JsonPath plan =
        plan("{\"repo\": \"" + REPO + "\", \"location\": \"tiny\"}")
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(plan.getBoolean("fits")).isFalse();
    assertThat(plan.getInt("refusal.status")).isEqualTo(507);
    assertThat(plan.getString("refusal.detail"))
        .startsWith("Location 'tiny' has ")
        .contains("bytes missing plus " + (1L << 60) + " headroom");
    assertThat(plan.getLong("headroomBytes")).isEqualTo(1L << 60);
    given()
        .get("/api/v1/weights/installs?location=tiny&repo=" + REPO)
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0));
  }

  @Test
  void patternsThatLeaveNothingArePredictedAs400() {
    JsonPath plan =
        plan("{\"repo\": \"" + REPO + "\", \"include\": [\"nothing-*.bin\"]}")
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(plan.getInt("refusal.status")).isEqualTo(400);
    assertThat(plan.getString("refusal.detail")).contains("matches the include/exclude patterns");
    assertThat(plan.getList("files.action", String.class)).containsOnly("excluded");
  }

  @Test
  void badInputIsAProblem() {
    plan("{\"repo\": \"not a repo\"}").statusCode(400).contentType("application/problem+json");
    plan("{\"repo\": \"" + REPO + "\", \"location\": \"nowhere\"}")
        .statusCode(404)
        .contentType("application/problem+json");
    plan("{\"repo\": \"mm-test/hostile\"}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("unsafe path"));
    plan("{\"repo\": \"mm-test/does-not-exist\"}")
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("mm-test/does-not-exist"));
  }
}
