package dev.modelmanager.discovery.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.discovery.DiscoveryTestProfile;
import dev.modelmanager.testkit.hub.FakeHubResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DiscoveryTestProfile.class)
class SearchTest {

  @BeforeEach
  void clean() {
    FakeHubResource.clearFaults();
    FakeHubResource.clearRequests();
  }

  @AfterEach
  void noFaults() {
    FakeHubResource.clearFaults();
  }

  @Test
  void anUncachedSearchMakesOneHubCallAndARepeatMakesNone() {
    given()
        .queryParam("q", "llama")
        .get("/api/v1/huggingface/search")
        .then()
        .statusCode(200)
        .body("items.id", hasItem("meta-llama/Llama-3.1-8B"))
        .body(
            "items.find { it.id == 'meta-llama/Llama-3.1-8B' }.architecture",
            equalTo("LlamaForCausalLM"))
        .body(
            "items.find { it.id == 'meta-llama/Llama-3.1-8B' }.parameters", equalTo(8_030_261_248L))
        .body("items.find { it.id == 'meta-llama/Llama-3.1-8B' }.license", equalTo("llama3.1"))
        .body("items.find { it.id == 'meta-llama/Llama-3.1-8B' }.vllmSupported", equalTo(true));
    assertThat(FakeHubResource.requests("/api/models")).hasSize(1);

    given().queryParam("q", "llama").get("/api/v1/huggingface/search").then().statusCode(200);
    assertThat(FakeHubResource.requests("/api/models")).as("cached").hasSize(1);
  }

  @Test
  void theOneHubCallExpandsEverythingTheRowsShow() {
    given().queryParam("author", "Qwen").get("/api/v1/huggingface/search").then().statusCode(200);
    var calls = FakeHubResource.requests("/api/models");
    assertThat(calls).hasSize(1);
    String query = calls.get(0).path("query").asText();
    assertThat(query)
        .contains("author=Qwen")
        .contains("expand")
        .contains("safetensors")
        .contains("config");
  }

  @Test
  void filtersTheHubCannotApplyAreAppliedToThePage() {
    given()
        .queryParam("architecture", "MixtralForCausalLM")
        .queryParam("limit", 50)
        .get("/api/v1/huggingface/search")
        .then()
        .statusCode(200)
        .body("items.architecture", everyItem(equalTo("MixtralForCausalLM")))
        .body("items.id", hasItem("mistralai/Mixtral-8x7B-v0.1"));
    given()
        .queryParam("maxParams", 1_000_000_000L)
        .queryParam("limit", 50)
        .get("/api/v1/huggingface/search")
        .then()
        .statusCode(200)
        .body("items.id", hasItem("Qwen/Qwen2.5-0.5B"))
        .body("items.id", not(hasItem("meta-llama/Llama-3.1-8B")));
  }

  @Test
  void fitsGpuKeepsModelsWhoseWeightsFitAndSaysOnHowMany() {
    given()
        .queryParam("fitsGpu", "L4")
        .queryParam("limit", 50)
        .get("/api/v1/huggingface/search")
        .then()
        .statusCode(200)
        .body("items.find { it.id == 'Qwen/Qwen2.5-0.5B' }.fit.minGpus", equalTo(1))
        // 16.1 GB of bf16 weights leave ~4 GB of an L4's 20 GB usable for the KV cache.
        .body("items.find { it.id == 'meta-llama/Llama-3.1-8B' }.fit.minGpus", equalTo(1))
        // 93 GB of weights: 8 L4s, ~11.7 GB each.
        .body("items.find { it.id == 'mistralai/Mixtral-8x7B-v0.1' }.fit.minGpus", equalTo(8))
        .body("items.fit.fits", everyItem(equalTo(true)));
  }

  @Test
  void fitsGpuTakesAPoolNameAndItsGpusPerNode() {
    given()
        .contentType("application/json")
        .body(
            "{\"node\":\"search-node-1\",\"gpus\":[{\"product\":\"NVIDIA L4\",\"memoryMiB\":23034,\"count\":2}]}")
        .post("/api/v1/gpus/reports")
        .then()
        .statusCode(200);
    String pool =
        given()
            .get("/api/v1/gpus")
            .then()
            .statusCode(200)
            .extract()
            .path("items.find { it.source == 'agent' && it.countPerNode == 2 }.name");
    given()
        .queryParam("fitsGpu", pool)
        .queryParam("limit", 50)
        .get("/api/v1/huggingface/search")
        .then()
        .statusCode(200)
        .body("items.id", hasItem("Qwen/Qwen2.5-0.5B"))
        // 93 GB of Mixtral weights need 8 L4s; this pool has 2 per node.
        .body("items.id", not(hasItem("mistralai/Mixtral-8x7B-v0.1")));
  }

  @Test
  void pagesFollowTheHubsLinkWithOneCallEach() {
    String cursor =
        given()
            .queryParam("limit", 2)
            .queryParam("sort", "likes")
            .get("/api/v1/huggingface/search")
            .then()
            .statusCode(200)
            .body("nextCursor", notNullValue())
            .extract()
            .path("nextCursor");
    given().queryParam("cursor", cursor).get("/api/v1/huggingface/search").then().statusCode(200);
    assertThat(FakeHubResource.requests("/api/models")).hasSize(2);
  }

  @Test
  void badParametersAreValidationProblems() {
    given()
        .queryParam("limit", 0)
        .get("/api/v1/huggingface/search")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("limit"));
    given()
        .queryParam("sort", "random")
        .get("/api/v1/huggingface/search")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("sort"));
    given()
        .queryParam("fitsGpu", "Voodoo2")
        .get("/api/v1/huggingface/search")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("fitsGpu"));
    given()
        .queryParam("minParams", 10)
        .queryParam("maxParams", 5)
        .get("/api/v1/huggingface/search")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("minParams"));
    given()
        .queryParam("cursor", "not-a-cursor")
        .get("/api/v1/huggingface/search")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("cursor"));
    assertThat(FakeHubResource.requests("/api/models")).isEmpty();
  }

  @Test
  void rateLimitsAreRetriedHonouringRetryAfter() {
    FakeHubResource.addFaults(
        "{\"type\":\"429\",\"retryAfterSeconds\":1,\"path\":\"/api/models*\",\"times\":1}");
    given()
        .queryParam("q", "retry-after")
        .get("/api/v1/huggingface/search")
        .then()
        .statusCode(200)
        .body("items", notNullValue());
    // the retry reached the hub a full Retry-After after the 429 (the hub's own clock)
    List<JsonNode> calls = FakeHubResource.requests("/api/models");
    Instant first = Instant.parse(calls.get(0).path("receivedAt").asText());
    Instant retry = Instant.parse(calls.get(1).path("receivedAt").asText());
    assertThat(Duration.between(first, retry)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(FakeHubResource.requests("/api/models")).hasSize(2);
  }

  @Test
  void aHubThatKeepsFailingIsA502Problem() {
    FakeHubResource.addFaults(
        "{\"type\":\"5xx\",\"status\":503,\"path\":\"/api/models*\",\"times\":10}");
    given()
        .queryParam("q", "down")
        .get("/api/v1/huggingface/search")
        .then()
        .statusCode(502)
        .contentType("application/problem+json")
        .body("type", equalTo("https://modelmanager.dev/problems/upstream-unavailable"))
        .body("detail", not(nullValue()));
    assertThat(FakeHubResource.requests("/api/models")).hasSize(4);
  }
}
