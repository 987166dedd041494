package dev.modelmanager.discovery.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.discovery.DiscoveryTestProfile;
import dev.modelmanager.testkit.hub.FakeHubResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DiscoveryTestProfile.class)
class ModelDetailsTest {

  @BeforeEach
  void clean() {
    FakeHubResource.clearFaults();
    FakeHubResource.clearRequests();
  }

  @Test
  void detailsReadExactParametersFromSafetensorsHeadersWithRangeRequests() {
    given()
        .get("/api/v1/models/Qwen/Qwen2.5-0.5B/details")
        .then()
        .statusCode(200)
        .body("id", equalTo("Qwen/Qwen2.5-0.5B"))
        .body("commit", notNullValue())
        .body("architectures", hasItem("Qwen2ForCausalLM"))
        .body("parameters.total", equalTo(494_032_768))
        .body("parameters.exact", equalTo(true))
        .body("parameters.source", equalTo("safetensors-headers"))
        .body("parameters.byDtype.BF16", equalTo(494_032_768))
        .body("weightsBytes", equalTo(988_065_536))
        // 2 × 24 layers × 2 KV heads × 64 head_dim × 2 bytes
        .body("kvCache.bytesPerToken", equalTo(12_288))
        .body("maxPositionEmbeddings", equalTo(32_768))
        .body("vllm.supported", equalTo(true))
        .body("license", equalTo("apache-2.0"))
        .body("catalog.status", equalTo("unavailable"))
        .body("fit.size()", greaterThan(5))
        .body("fit.find { it.gpu.startsWith('L4') }.fits", equalTo(true))
        .body("recommendedVllmArgs", hasItem("--tensor-parallel-size=1"));

    List<JsonNode> ranged =
        FakeHubResource.requests("/").stream()
            .filter(r -> !r.path("range").isNull() && !r.path("range").asText().isEmpty())
            .toList();
    assertThat(ranged).as("safetensors headers read with Range").isNotEmpty();
    long bytes =
        FakeHubResource.requests("/").stream().mapToLong(r -> r.path("bytesSent").asLong()).sum();
    assertThat(bytes).as("bytes fetched for a 988 MB model").isLessThan(2_000_000);
  }

  @Test
  void llama31EightBHasItsPublishedParameterCountAndKvCache() {
    given()
        .get("/api/v1/models/meta-llama/Llama-3.1-8B/details")
        .then()
        .statusCode(200)
        .body("parameters.total", equalTo(8_030_261_248L))
        .body("kvCache.bytesPerToken", equalTo(131_072))
        .body("maxPositionEmbeddings", equalTo(131_072))
        .body("fit.find { it.gpu.startsWith('H100') }.fits", equalTo(true))
        .body("fit.find { it.gpu.startsWith('H100') }.tensorParallelSize", equalTo(1));
  }

  @Test
  void aRenamedRepoIsFollowed() {
    given()
        .get("/api/v1/models/meta-llama/Meta-Llama-3.1-8B/details")
        .then()
        .statusCode(200)
        .body("parameters.total", equalTo(8_030_261_248L));
  }

  @Test
  void theSecondLookupOfARevisionAsksTheHubNothing() {
    given().get("/api/v1/models/mm-demo/tiny-llama/details").then().statusCode(200);
    FakeHubResource.clearRequests();
    given().get("/api/v1/models/mm-demo/tiny-llama/details").then().statusCode(200);
    assertThat(FakeHubResource.requests("/")).isEmpty();
  }

  @Test
  void aMissingOrPrivateModelIsANotFoundProblemThatMentionsTheToken() {
    given()
        .get("/api/v1/models/nobody/nothing/details")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("HF_TOKEN"));
    given()
        .get("/api/v1/models/mm-demo/private-tiny-llama/details")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void invalidIdsAndRevisionsAreRejectedBeforeAnyHubCall() {
    given()
        .get("/api/v1/models/bad..org/x/details")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .queryParam("revision", "../../etc")
        .get("/api/v1/models/Qwen/Qwen2.5-0.5B/details")
        .then()
        .statusCode(400);
    assertThat(FakeHubResource.requests("/")).isEmpty();
  }
}
