package dev.modelmanager.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = CatalogRepoResource.class, restrictToAnnotatedClass = true)
class CatalogReloadTest {
  private static final String LLAMA =
      GitCatalogFixture.entry("llama-3-1-8b", "meta-llama/Llama-3.1-8B-Instruct");
  private static final String QWEN = GitCatalogFixture.entry("qwen2-5-0-5b", "Qwen/Qwen2.5-0.5B");

  /** Each test starts from the catalog it names: these files in the repo, loaded. */
  private static void startFrom(Map<String, String> models) {
    CatalogRepoResource.fixture().replaceModels("start of a test", models);
    given().post("/api/v1/catalog/reload").then().statusCode(200);
  }

  private static Map<String, String> twoModels() {
    return Map.of("models/llama.json", LLAMA, "models/qwen.json", QWEN);
  }

  @Test
  void reloadAddsEveryEntryOfTheBranch() {
    startFrom(Map.of());
    String commit = CatalogRepoResource.fixture().commit("two models", twoModels());

    given()
        .post("/api/v1/catalog/reload")
        .then()
        .statusCode(200)
        .body("commit", equalTo(commit))
        .body("added", containsInAnyOrder("llama-3-1-8b", "qwen2-5-0-5b"))
        .body("updated", empty())
        .body("removed", empty());

    given()
        .get("/api/v1/catalog/entries/llama-3-1-8b")
        .then()
        .statusCode(200)
        .body("entry.hfModelId", equalTo("meta-llama/Llama-3.1-8B-Instruct"))
        .body("entry.vllm.tensorParallelSize", equalTo(1))
        .body("commit", equalTo(commit))
        .body("sourcePath", equalTo("models/llama.json"));
  }

  @Test
  void everyReloadIsTimedInTheReloadDurationMetric() {
    startFrom(twoModels());
    long before = reloadCount();
    given().post("/api/v1/catalog/reload").then().statusCode(200);
    org.assertj.core.api.Assertions.assertThat(reloadCount()).isEqualTo(before + 1);
  }

  private static long reloadCount() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(l -> l.startsWith("mm_catalog_reload_duration_seconds_count"))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void reloadWithoutChangesChangesNothing() {
    startFrom(twoModels());
    given()
        .post("/api/v1/catalog/reload")
        .then()
        .statusCode(200)
        .body("added", empty())
        .body("updated", empty());
  }

  @Test
  void invalidEntryFailsTheReloadAndKeepsTheCatalog() {
    startFrom(twoModels());
    Map<String, String> files = new HashMap<>();
    files.put("models/broken.yaml", "id: Not A Slug\nrevision: main\n");
    files.put(
        "models/qwen.json", GitCatalogFixture.entry("qwen2-5-0-5b", "Qwen/Qwen2.5-0.5B-Instruct"));
    CatalogRepoResource.fixture().commit("a broken entry", files);

    given()
        .post("/api/v1/catalog/reload")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("https://modelmanager.dev/problems/invalid-content"))
        .body("errors.field", hasItem("models/broken.yaml#/id"))
        .body("errors.field", hasItem("models/broken.yaml#/revision"))
        .body("errors.field", hasItem("models/broken.yaml#/hfModelId"));

    given()
        .get("/api/v1/catalog/entries/qwen2-5-0-5b")
        .then()
        .statusCode(200)
        .body("entry.hfModelId", equalTo("Qwen/Qwen2.5-0.5B"));
  }

  @Test
  void reloadReportsUpdatesAndRemovals() {
    startFrom(twoModels());
    Map<String, String> files = new HashMap<>();
    files.put(
        "models/qwen.json", GitCatalogFixture.entry("qwen2-5-0-5b", "Qwen/Qwen2.5-0.5B-Instruct"));
    files.put("models/llama.json", null);
    CatalogRepoResource.fixture().commit("fix and drop", files);

    given()
        .post("/api/v1/catalog/reload")
        .then()
        .statusCode(200)
        .body("updated", contains("qwen2-5-0-5b"))
        .body("removed", contains("llama-3-1-8b"));
    given()
        .get("/api/v1/catalog/entries/llama-3-1-8b")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void listPagesWithACursor() {
    Map<String, String> files = new HashMap<>();
    for (int i = 0; i < 5; i++) {
      files.put("models/m" + i + ".json", GitCatalogFixture.entry("m" + i, "org/model-" + i));
    }
    files.put("models/qwen.json", QWEN);
    startFrom(files);

    String cursor =
        given()
            .queryParam("limit", 4)
            .get("/api/v1/catalog/entries")
            .then()
            .statusCode(200)
            .body("items.entry.id", contains("m0", "m1", "m2", "m3"))
            .extract()
            .path("nextCursor");
    given()
        .queryParam("limit", 4)
        .queryParam("cursor", cursor)
        .get("/api/v1/catalog/entries")
        .then()
        .statusCode(200)
        .body("items.entry.id", contains("m4", "qwen2-5-0-5b"))
        .body("nextCursor", nullValue());
  }

  @ParameterizedTest
  @CsvSource({
    "/api/v1/catalog/entries, cursor, ../etc",
    "/api/v1/catalog/entries, cursor, UPPER",
    "/api/v1/catalog/entries, limit, 501",
    "/api/v1/catalog/pull-requests, cursor, -1",
    "/api/v1/catalog/pull-requests, cursor, 99999999999",
    "/api/v1/catalog/pull-requests, cursor, 1e3",
    "/api/v1/catalog/pull-requests, limit, 0",
    "/api/v1/catalog/pull-requests, state, draft"
  })
  void badPagingParametersAreValidationProblemsNamingTheField(
      String path, String field, String value) {
    given()
        .queryParam(field, value)
        .get(path)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo(field));
  }

  @Test
  void limitOutOfRangeIsAValidationProblem() {
    given()
        .queryParam("limit", 0)
        .get("/api/v1/catalog/entries")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo("limit"));
  }
}
