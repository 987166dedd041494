package dev.modelmanager.discovery.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelmanager.discovery.DiscoveryTestProfile;
import dev.modelmanager.testkit.hub.FakeHubResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Branches, tags and recent commits of a repo, read from the (fake) Hub's refs and commits APIs:
 * the demo's tiny-llama has a v1.0 tag on main, a dev branch one commit ahead, and a history.
 */
@QuarkusTest
@TestProfile(DiscoveryTestProfile.class)
class ModelRefsTest {
  private static final String TINY = "/api/v1/models/mm-demo/tiny-llama";

  @BeforeEach
  void clean() {
    FakeHubResource.clearFaults();
    FakeHubResource.clearRequests();
  }

  @Test
  void refsListBranchesMainFirstAndTagsWithTheirCommits() {
    JsonPath refs = given().get(TINY + "/refs").then().statusCode(200).extract().jsonPath();
    assertThat(refs.getString("repo")).isEqualTo("mm-demo/tiny-llama");
    assertThat(refs.getList("branches.name", String.class)).containsExactly("main", "dev");
    assertThat(refs.getList("branches.ref", String.class))
        .containsExactly("refs/heads/main", "refs/heads/dev");
    assertThat(refs.getList("tags.name", String.class)).containsExactly("v1.0");
    assertThat(refs.getString("tags[0].ref")).isEqualTo("refs/tags/v1.0");
    String main = refs.getString("branches[0].targetCommit");
    assertThat(main).matches("[0-9a-f]{40}");
    assertThat(refs.getString("tags[0].targetCommit")).as("v1.0 tags main").isEqualTo(main);
    assertThat(refs.getString("branches[1].targetCommit")).isNotEqualTo(main);
    assertThat(FakeHubResource.requests("/api/models/mm-demo/tiny-llama/refs")).hasSize(1);
  }

  @Test
  void commitsAreNewestFirstWithTitleDateAndAuthors() {
    String main =
        given()
            .get(TINY + "/refs")
            .then()
            .extract()
            .jsonPath()
            .getString("branches[0].targetCommit");
    JsonPath commits =
        given().get(TINY + "/commits?revision=main").then().statusCode(200).extract().jsonPath();
    assertThat(commits.getList("commits.title", String.class))
        .containsExactly(
            "Upload 2 shards of the bf16 weights",
            "Update README.md",
            "Add config.json and tokenizer",
            "initial commit");
    assertThat(commits.getString("commits[0].id")).isEqualTo(main);
    assertThat(commits.getString("commits[0].date")).isEqualTo("2025-02-01T12:00:00Z");
    assertThat(commits.getList("commits[0].authors", String.class)).containsExactly("mm-demo");
    assertThat(commits.getBoolean("more")).isFalse();

    JsonPath dev =
        given().get(TINY + "/commits?revision=dev").then().statusCode(200).extract().jsonPath();
    List<String> titles = dev.getList("commits.title", String.class);
    assertThat(titles).hasSize(5).first().isEqualTo("Try a longer rope_theta");
    assertThat(dev.getString("commits[1].id")).as("dev branched from main").isEqualTo(main);

    given()
        .get(TINY + "/commits?revision=v1.0&limit=2")
        .then()
        .statusCode(200)
        .body("revision", equalTo("v1.0"))
        .body("commits.size()", equalTo(2))
        .body("commits[0].id", equalTo(main))
        .body("more", equalTo(true));
  }

  @Test
  void unknownRepoOrRevisionIsNotFoundAndBadInputIsBadRequest() {
    given()
        .get("/api/v1/models/mm-demo/no-such-model/refs")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("mm-demo/no-such-model"));
    given()
        .get("/api/v1/models/mm-demo/no-such-model/commits")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .get(TINY + "/commits?revision=no-such-branch")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("revision"));
    given()
        .get(TINY + "/commits?revision=bad revision!")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .get(TINY + "/commits?revision=..%2Fetc")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given().get(TINY + "/commits?limit=0").then().statusCode(400);
    assertThat(FakeHubResource.requests("/api/models/mm-demo/tiny-llama/commits"))
        .as("a bad revision never reaches the Hub")
        .hasSize(1);
  }

  @Test
  void aHubOutageIsRetriedLikeEveryOtherHubCall() {
    FakeHubResource.addFaults(
        "{\"type\":\"5xx\",\"status\":503,\"path\":\"/api/models/mm-demo/tiny-llama/refs\",\"times\":2}");
    given().get(TINY + "/refs").then().statusCode(200).body("tags[0].name", equalTo("v1.0"));
    assertThat(FakeHubResource.requests("/api/models/mm-demo/tiny-llama/refs")).hasSize(3);
  }
}
