package dev.modelmanager.catalog.authoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.testkit.catalog.DemoCatalog;
import dev.modelmanager.testkit.hub.FakeHubResource;
import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Validate (every check's pass, warn and fail), generate, diff and the schema, over HTTP. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeHubResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = CatalogRemoteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ServiceStubs.class, restrictToAnnotatedClass = true)
class ValidateAndGenerateTest {
  @Inject CircuitBreakerMaintenance breakers;

  @AfterEach
  void resetBreakers() {
    breakers.resetAll();
  }

  private static JsonPath validate(Object entry) {
    return given()
        .contentType(ContentType.JSON)
        .body(entry)
        .post("/api/v1/catalog/validate")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The results of one check, as maps of status, message and pointer. */
  private static List<Map<String, String>> check(JsonPath report, String name) {
    return report.getList("checks.findAll { it.name == '" + name + "' }");
  }

  private static String status(JsonPath report, String name) {
    List<Map<String, String>> results = check(report, name);
    assertThat(results).as("results of %s", name).hasSize(1);
    return results.get(0).get("status");
  }

  @Test
  void theSchemaIsServed() {
    given()
        .get("/api/v1/catalog/schema")
        .then()
        .statusCode(200)
        .body("$schema", equalTo("https://json-schema.org/draft/2020-12/schema"))
        .body("required", hasItems("id", "hfModelId", "revision", "runtime", "weights"));
  }

  @Test
  void aGoodEntryPassesEveryCheck() {
    JsonPath report = validate(Entries.qwen("qwen-ok").toString());
    assertThat(report.getBoolean("valid")).isTrue();
    for (String name :
        List.of("schema", "huggingface", "vllm", "fit", "weights", "args", "policy")) {
      assertThat(status(report, name)).as(name).isEqualTo("pass");
    }
    assertThat(check(report, "fit").get(0).get("message")).contains("fits on L4-24GB");
  }

  @Test
  void schemaViolationsCarryTheirJsonPointers() {
    ObjectNode e = Entries.qwen("broken");
    e.put("revision", "main");
    Entries.vllm(e).put("tensorParallelSize", 0);
    e.putArray("env")
        .addObject()
        .put("name", "HF_TOKEN")
        .put("value", "hf_abcdefghijklmnopqrstuvwxyz");
    e.put("color", "blue");
    JsonPath report = validate(e.toString());
    assertThat(report.getBoolean("valid")).isFalse();
    List<String> pointers = check(report, "schema").stream().map(m -> m.get("pointer")).toList();
    assertThat(pointers).contains("/revision", "/vllm/tensorParallelSize", "/env/0", "/");
    assertThat(check(report, "huggingface").get(0).get("message")).startsWith("not checked");
  }

  @Test
  void huggingfaceFailsForAMissingCommitAndForAGatedModelWithoutAccess() {
    ObjectNode missing = Entries.qwen("qwen-missing");
    missing.put("revision", "abcdefabcdefabcdefabcdefabcdefabcdefabcd");
    JsonPath r1 = validate(missing.toString());
    assertThat(status(r1, "huggingface")).isEqualTo("fail");
    assertThat(check(r1, "huggingface").get(0).get("pointer")).isEqualTo("/revision");

    ObjectNode gated = Entries.qwen("llama-gated");
    gated.put("hfModelId", "meta-llama/Llama-3.1-8B");
    gated.put("revision", DemoCatalog.commitOf("meta-llama/Llama-3.1-8B"));
    JsonPath r2 = validate(gated.toString());
    assertThat(status(r2, "huggingface")).isEqualTo("fail");
    assertThat(check(r2, "huggingface").get(0).get("message")).contains("gated");
  }

  @Test
  void vllmFailsWhenTrustRemoteCodeIsNotNeeded() {
    ObjectNode e = Entries.qwen("qwen-trc");
    Entries.vllm(e).put("trustRemoteCode", true);
    JsonPath report = validate(e.toString());
    assertThat(status(report, "vllm")).isEqualTo("fail");
    assertThat(check(report, "vllm").get(0).get("pointer")).isEqualTo("/vllm/trustRemoteCode");
  }

  @Test
  void fitFailsAndSaysWhatWouldMakeItFit() {
    ObjectNode tooLong = Entries.qwen("qwen-long");
    Entries.vllm(tooLong).put("maxModelLen", 65536);
    JsonPath r1 = validate(tooLong.toString());
    assertThat(status(r1, "fit")).isEqualTo("fail");
    assertThat(check(r1, "fit").get(0).get("message"))
        .contains("does not fit on L4-24GB")
        .contains("fits with maxModelLen <= 32768");

    ObjectNode elsewhere = Entries.qwen("qwen-a100");
    elsewhere.putObject("nodeSelector").put("nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB");
    assertThat(check(validate(elsewhere.toString()), "fit").get(0).get("message"))
        .contains("no GPU pool");

    ObjectNode mismatch = Entries.qwen("qwen-tp");
    Entries.vllm(mismatch).put("tensorParallelSize", 2);
    assertThat(check(validate(mismatch.toString()), "fit").get(0).get("pointer"))
        .isEqualTo("/resources");
  }

  @Test
  void weightsPassWhenStagedAndWarnWithTheInstallOtherwise() {
    ObjectNode staged = Entries.valid("tiny-staged", "mm-demo/tiny-llama");
    staged.putObject("weights").put("location", "default");
    assertThat(status(validate(staged.toString()), "weights")).isEqualTo("pass");

    ObjectNode notStaged = Entries.qwen("qwen-unstaged");
    notStaged.putObject("weights").put("location", "default");
    JsonPath r = validate(notStaged.toString());
    assertThat(status(r, "weights")).isEqualTo("warn");
    assertThat(check(r, "weights").get(0).get("message"))
        .contains("POST /api/v1/weights/installs")
        .contains("\"location\":\"default\"");

    ObjectNode nowhere = Entries.qwen("qwen-nowhere");
    nowhere.putObject("weights").put("location", "nowhere");
    assertThat(status(validate(nowhere.toString()), "weights")).isEqualTo("fail");
  }

  @Test
  void argsAndPolicyFailNamingTheRule() {
    ObjectNode e = Entries.qwen("qwen-args");
    Entries.vllm(e)
        .putArray("extraArgs")
        .add("--port=9000")
        .add("--max-num-seqs=8")
        .add("--frobnicate");
    e.put("license", "cc-by-nc-4.0");
    JsonPath report = validate(e.toString());
    List<Map<String, String>> args = check(report, "args");
    assertThat(args).extracting(m -> m.get("status")).containsExactly("fail", "warn");
    assertThat(args.get(0).get("pointer")).isEqualTo("/vllm/extraArgs/0");
    assertThat(status(report, "policy")).isEqualTo("fail");
    assertThat(check(report, "policy").get(0).get("message")).startsWith("rule allowed-licenses");
  }

  @Test
  void servicesThatAreDownMakeTheirChecksWarnNotFail() {
    ObjectNode e = Entries.qwen("qwen-down");
    e.putObject("weights").put("location", "default");
    ServiceStubs.down();
    try {
      JsonPath report = validate(e.toString());
      for (String name : List.of("vllm", "fit", "weights")) {
        assertThat(status(report, name)).as(name).isEqualTo("warn");
        assertThat(check(report, name).get(0).get("message")).startsWith("could not check");
      }
      assertThat(report.getBoolean("valid")).isTrue();
    } finally {
      ServiceStubs.up();
    }
  }

  @Test
  void aGeneratedDraftValidates() {
    JsonPath draft =
        given()
            .contentType(ContentType.JSON)
            .body("{\"hfModelId\":\"mm-demo/tiny-llama\",\"maxModelLen\":8192}")
            .post("/api/v1/catalog/generate")
            .then()
            .statusCode(200)
            .body("report.valid", equalTo(true))
            .body("entry.id", equalTo("tiny-llama"))
            .body("entry.revision", equalTo(DemoCatalog.commitOf("mm-demo/tiny-llama")))
            .body("entry.weights.location", equalTo("default"))
            .body("entry.vllm.maxModelLen", equalTo(8192))
            .extract()
            .jsonPath();
    Object entry = draft.getMap("entry");
    assertThat(validate(entry).getBoolean("valid")).isTrue();
  }

  @Test
  void generateAnswers404ForAnUnknownModel() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"hfModelId\":\"nobody/nothing\"}")
        .post("/api/v1/catalog/generate")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void diffShowsAChangedFieldAsPatchAndUnifiedDiff() {
    ObjectNode e = Entries.qwen("qwen2-5-0-5b");
    Entries.vllm(e).put("maxModelLen", 8192);
    given()
        .contentType(ContentType.JSON)
        .body(e.toString())
        .post("/api/v1/catalog/diff")
        .then()
        .statusCode(200)
        .body("created", equalTo(false))
        .body("changed", equalTo(true))
        .body("path", equalTo("models/qwen2-5-0-5b.json"))
        .body("patch", hasItem(Map.of("op", "replace", "path", "/vllm/maxModelLen", "value", 8192)))
        .body(
            "unified", containsString("-    \"maxModelLen\": 4096,\n+    \"maxModelLen\": 8192,"));
  }

  @Test
  void hostileIdsAreRejectedBeforeAnyFileIsRead() {
    for (String id : List.of("../x", "Upper", "a".repeat(200))) {
      ObjectNode e = Entries.qwen("placeholder");
      e.put("id", id);
      given()
          .contentType(ContentType.JSON)
          .body(e.toString())
          .post("/api/v1/catalog/diff")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
  }
}
