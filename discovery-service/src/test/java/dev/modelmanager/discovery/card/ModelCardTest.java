package dev.modelmanager.discovery.card;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** GET /api/v1/models/{org}/{name}/readme and GET /api/v1/discover/collections. */
@QuarkusTest
@TestProfile(CardHubProfile.class)
class ModelCardTest {

  @Test
  void theCardComesWithoutItsFrontMatterWhichIsReturnedApart() {
    given()
        .get("/api/v1/models/acme/carded/readme")
        .then()
        .statusCode(200)
        .body("id", equalTo("acme/carded"))
        .body("revision", equalTo("main"))
        .body("commit", matchesPattern("[0-9a-f]{40}"))
        .body("frontMatter", equalTo("license: apache-2.0\npipeline_tag: text-generation\n"))
        .body("markdown", startsWithTitle())
        .body("markdown", not(containsString("pipeline_tag")))
        // The Markdown is returned as written: the console renders it without raw HTML.
        .body("markdown", containsString("javascript:alert(1)"))
        .body("truncated", equalTo(false))
        .body("sizeBytes", equalTo(CardHubProfile.CARD.getBytes(StandardCharsets.UTF_8).length));
  }

  private static org.hamcrest.Matcher<String> startsWithTitle() {
    return matchesPattern("(?s)# Carded\\n.*");
  }

  @Test
  void aCardIsReadFromTheHubOncePerRevision() throws Exception {
    given().get("/api/v1/models/acme/carded/readme?revision=main").then().statusCode(200);
    long before = readmeRequests();
    given().get("/api/v1/models/acme/carded/readme?revision=main").then().statusCode(200);
    assertThat(readmeRequests()).isEqualTo(before);
  }

  @Test
  void aModelWithoutReadmeIsANotFoundProblem() {
    given()
        .get("/api/v1/models/acme/no-card/readme")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("README.md does not exist in acme/no-card"));
  }

  @Test
  void aGatedModelsCardSaysToAcceptTheLicense() {
    given()
        .get("/api/v1/models/acme/gated/readme")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://modelmanager.dev/problems/hub-access-denied"))
        .body("detail", containsString("HF_TOKEN"));
  }

  @Test
  void anUnknownModelIsNotFound() {
    given().get("/api/v1/models/acme/nothing-here/readme").then().statusCode(404);
  }

  @Test
  void aCardOverTheCapIsCutOnACharacterBoundaryAndMarkedTruncated() {
    String markdown =
        given()
            .get("/api/v1/models/acme/huge-card/readme")
            .then()
            .statusCode(200)
            .body("truncated", equalTo(true))
            .body("sizeBytes", lessThanOrEqualTo(512 * 1024))
            .body("frontMatter", nullValue())
            .extract()
            .path("markdown");
    assertThat(markdown).startsWith("# Huge").doesNotContain("\uFFFD");
    assertThat(markdown.getBytes(StandardCharsets.UTF_8).length)
        .isGreaterThan(512 * 1024 - 3)
        .isLessThanOrEqualTo(512 * 1024);
  }

  @Test
  void idsAndRevisionsAreValidatedLikeTheDetails() {
    given()
        .get("/api/v1/models/acme/..hidden/readme")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .get("/api/v1/models/acme/carded/readme?revision=../../etc")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void theShippedCollectionsAreListedInTheirOrderWithTheirSearch() {
    given()
        .get("/api/v1/discover/collections")
        .then()
        .statusCode(200)
        .body(
            "items.id",
            org.hamcrest.Matchers.contains("fits-one-l4", "long-context", "code", "quantized-awq"))
        .body("items[0].title", equalTo("Fits one L4"))
        .body("items[0].description", containsString("24 GB L4"))
        .body("items[0].params.fitsGpu", equalTo("L4-24GB"))
        .body("items[0].params.maxParams", equalTo("9000000000"))
        .body("items[2].params.q", equalTo("coder"));
  }

  @Test
  void aCollectionsSearchIsOneTheSearchApiAccepts() {
    // The first collection's params, passed as they are, are a valid search.
    given()
        .queryParam("fitsGpu", "L4-24GB")
        .queryParam("maxParams", "9000000000")
        .queryParam("pipelineTag", "text-generation")
        .get("/api/v1/huggingface/search")
        .then()
        .statusCode(200);
  }

  private static long readmeRequests() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(CardHubProfile.Hub.url() + "/_fake/requests"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode all = new ObjectMapper().readTree(r.body());
    JsonNode items = all.isArray() ? all : all.path("requests");
    long n = 0;
    for (JsonNode item : items) {
      if (item.path("path").asText().equals("/acme/carded/resolve/main/README.md")) {
        n++;
      }
    }
    return n;
  }
}
