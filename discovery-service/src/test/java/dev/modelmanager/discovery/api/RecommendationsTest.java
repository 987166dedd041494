package dev.modelmanager.discovery.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.modelmanager.discovery.DiscoveryTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DiscoveryTestProfile.class)
class RecommendationsTest {

  @Test
  void llama8BOnH100sFitsOnOneGpuWithTheArgsToUse() {
    given()
        .contentType("application/json")
        .body(
            "{\"model\":\"meta-llama/Llama-3.1-8B\",\"gpus\":[{\"name\":\"H100-80GB\",\"count\":8}]}")
        .post("/api/v1/recommendations")
        .then()
        .statusCode(200)
        .body("parameters", equalTo(8_030_261_248L))
        .body("kvCacheBytesPerToken", equalTo(131_072))
        .body("best.fits", equalTo(true))
        .body("best.tensorParallelSize", equalTo(1))
        .body("best.maxModelLen", equalTo(131_072))
        .body("best.vllmArgs", hasItem("--tensor-parallel-size=1"))
        .body("best.explanation", notNullValue())
        .body("options.tensorParallelSize", everyItem(in(List.of(1, 2, 4, 8))));
  }

  @Test
  void aContextThatDoesNotFitSaysTheLargestThatDoes() {
    given()
        .contentType("application/json")
        .body(
            "{\"model\":\"meta-llama/Llama-3.1-8B\",\"gpus\":[{\"name\":\"L4\",\"count\":1}],"
                + "\"maxModelLen\":131072,\"quantization\":\"none\"}")
        .post("/api/v1/recommendations")
        .then()
        .statusCode(200)
        .body("options[0].fits", equalTo(false))
        .body("options[0].largestFittingModelLen", lessThanOrEqualTo(131_072))
        .body(
            "options[0].explanation",
            either(containsString("max-model-len")).or(containsString("context")));
  }

  @Test
  void fp8KvCacheHalvesThePerTokenCost() {
    int auto =
        given()
            .contentType("application/json")
            .body(
                "{\"model\":\"Qwen/Qwen2.5-0.5B\",\"gpus\":[{\"name\":\"L4\",\"count\":1}],\"quantization\":\"none\"}")
            .post("/api/v1/recommendations")
            .then()
            .statusCode(200)
            .extract()
            .path("best.maxModelLen");
    given()
        .contentType("application/json")
        .body(
            "{\"model\":\"Qwen/Qwen2.5-0.5B\",\"gpus\":[{\"name\":\"L4\",\"count\":1}],\"kvCacheDtype\":\"fp8\",\"quantization\":\"none\"}")
        .post("/api/v1/recommendations")
        .then()
        .statusCode(200)
        .body("best.kvCacheDtype", equalTo("fp8"))
        .body("best.vllmArgs", hasItem("--kv-cache-dtype=fp8"))
        .body("best.maxModelLen", equalTo(auto));
  }

  @Test
  void tensorParallelSizesAlwaysDivideTheAttentionHeads() {
    // Qwen2.5-0.5B has 14 attention heads and 2 KV heads: only TP 1 and 2 can work.
    given()
        .contentType("application/json")
        .body(
            "{\"model\":\"Qwen/Qwen2.5-0.5B\",\"gpus\":[{\"name\":\"A10\",\"count\":8},{\"name\":\"custom\",\"memoryBytes\":4294967296,\"count\":6}]}")
        .post("/api/v1/recommendations")
        .then()
        .statusCode(200)
        .body("options.tensorParallelSize", everyItem(in(List.of(1, 2))))
        .body("best.gpu", notNullValue());
  }

  @Test
  void badRequestsNameTheField() {
    post("{\"gpus\":[{\"name\":\"L4\"}]}")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("model"));
    post("{\"model\":\"not a repo\"}")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("model"));
    post("{\"model\":\"Qwen/Qwen2.5-0.5B\",\"gpus\":[{\"name\":\"L4\",\"count\":0}]}")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("gpus[0].count"));
    post("{\"model\":\"Qwen/Qwen2.5-0.5B\",\"gpus\":[{\"name\":\"Voodoo2\",\"count\":1}]}")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("gpus[0].memoryBytes"));
    post("{\"model\":\"Qwen/Qwen2.5-0.5B\",\"gpus\":\"no-such-pool\"}")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("gpus"));
    post("{\"model\":\"Qwen/Qwen2.5-0.5B\",\"gpuMemoryUtilization\":1.5}")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("gpuMemoryUtilization"));
    post("{\"model\":\"Qwen/Qwen2.5-0.5B\",\"kvCacheDtype\":\"int4\"}")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("kvCacheDtype"));
    post("{\"model\": ").then().statusCode(400).body("type", containsString("malformed-json"));
  }

  private static io.restassured.response.Response post(String body) {
    return given().contentType("application/json").body(body).post("/api/v1/recommendations");
  }
}
