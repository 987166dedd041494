package dev.modelmanager.catalog.authoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.catalog.authoring.CatalogRemoteResource.Remote;
import dev.modelmanager.catalog.service.PullRequestSync;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.testkit.catalog.DemoCatalog;
import dev.modelmanager.testkit.git.BareRepos;
import dev.modelmanager.testkit.git.GitServerAdmin;
import dev.modelmanager.testkit.github.FakeGitHubAdmin;
import dev.modelmanager.testkit.github.WebhookPayloads;
import dev.modelmanager.testkit.hub.FakeHubResource;
import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import dev.modelmanager.testkit.security.InternalTokens;
import dev.modelmanager.testkit.security.InternalTokensResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pull requests end to end: a real git server (push over HTTP with a token), the fake GitHub API,
 * webhooks, reloads, and the catalog bot.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeHubResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = CatalogRemoteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ServiceStubs.class, restrictToAnnotatedClass = true)
// The commit author comes from the internal token; the calls that do not check it go without one.
@QuarkusTestResource(
    value = InternalTokensResource.class,
    restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = "required", value = "false"))
class PullRequestFlowTest {
  @Inject CircuitBreakerMaintenance breakers;
  @Inject PullRequestSync sync;

  @AfterEach
  void reset() {
    breakers.resetAll();
    FakeGitHubAdmin.reset(Remote.current().githubUrl());
  }

  private static ValidatableResponse propose(ObjectNode entry) {
    ObjectNode body = ServiceStubs.JSON.createObjectNode();
    body.set("entry", entry);
    return given()
        .contentType(ContentType.JSON)
        .header("Authorization", InternalTokens.bearer("ada@example.org", "Ada Lovelace"))
        .body(body.toString())
        .post("/api/v1/catalog/pull-requests")
        .then();
  }

  private static List<JsonNode> pullsFrom(String branch) {
    List<JsonNode> out = new ArrayList<>();
    FakeGitHubAdmin.pulls(Remote.current().githubUrl())
        .forEach(
            p -> {
              if (p.path("head").path("ref").asText().equals(branch)) {
                out.add(p);
              }
            });
    return out;
  }

  /** Outbox rows of one event type for one aggregate: what the relay publishes to Kafka. */
  private static int events(String type, String aggregateId) throws Exception {
    PostgresResource.Endpoint pg = PostgresResource.endpoint();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
        java.sql.PreparedStatement s =
            c.prepareStatement(
                "select count(*) from catalog.outbox where event_type = ? and aggregate_id = ?")) {
      s.setString(1, type);
      s.setString(2, aggregateId);
      try (java.sql.ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static String tip(String branch) {
    try (Repository repo = Remote.current().open()) {
      return BareRepos.tip(repo, branch);
    }
  }

  @Test
  void aPullRequestIsOpenedRepeatedIdempotentlyMergedByWebhookAndReloaded() throws Exception {
    ObjectNode entry = Entries.qwen("qwen-8k");
    Entries.vllm(entry).put("maxModelLen", 8192);

    int number =
        propose(entry)
            .statusCode(201)
            .body("state", equalTo("open"))
            .body("branch", equalTo("catalog/qwen-8k"))
            .body("report.valid", equalTo(true))
            .body("diff.created", equalTo(true))
            .extract()
            .path("number");
    String head = tip("catalog/qwen-8k");
    JsonNode pr = pullsFrom("catalog/qwen-8k").get(0);
    assertThat(pr.path("body").asText())
        .contains("## Checklist")
        .contains("## Validation: valid")
        .contains("| fit | ✅ pass |")
        .contains("```diff\n--- /dev/null\n+++ b/models/qwen-8k.json\n@@ -0,0 +1,");
    assertThat(pr.path("labels").findValuesAsText("name")).contains("catalog");

    propose(entry).statusCode(200).body("number", equalTo(number));
    assertThat(pullsFrom("catalog/qwen-8k")).hasSize(1);
    assertThat(tip("catalog/qwen-8k")).as("nothing new pushed").isEqualTo(head);

    String merge = mergeOnGitHub(number);
    JsonNode merged = pullsFrom("catalog/qwen-8k").get(0);
    String payload = WebhookPayloads.pullRequest("closed", merged, CatalogRemoteResource.REPO);
    given()
        .header("X-GitHub-Event", "pull_request")
        .header("X-Hub-Signature-256", WebhookPayloads.signature("wrong", payload))
        .contentType(ContentType.JSON)
        .body(payload)
        .post("/api/v1/catalog/webhooks/github")
        .then()
        .statusCode(401);
    given()
        .header("X-GitHub-Event", "pull_request")
        .header(
            "X-Hub-Signature-256", WebhookPayloads.signature(CatalogRemoteResource.SECRET, payload))
        .contentType(ContentType.JSON)
        .body(payload)
        .post("/api/v1/catalog/webhooks/github")
        .then()
        .statusCode(200)
        .body("outcome", equalTo("merged"));

    given()
        .get("/api/v1/catalog/entries/qwen-8k")
        .then()
        .statusCode(200)
        .body("commit", equalTo(merge))
        .body("entry.vllm.maxModelLen", equalTo(8192));
    given()
        .queryParam("hfModelId", "Qwen/Qwen2.5-0.5B")
        .get("/api/v1/catalog/entries")
        .then()
        .statusCode(200)
        .body("items.entry.id", hasItem("qwen-8k"));
    given()
        .queryParam("state", "merged")
        .get("/api/v1/catalog/pull-requests")
        .then()
        .statusCode(200)
        .body("items.number", hasItem(number));
    assertThat(events(EventTypes.CATALOG_PR_OPENED, String.valueOf(number))).isEqualTo(1);
    assertThat(events(EventTypes.CATALOG_PR_MERGED, String.valueOf(number))).isEqualTo(1);
    assertThat(events(EventTypes.CATALOG_ENTRY_ADDED, "qwen-8k")).isEqualTo(1);
  }

  private static String mergeOnGitHub(int number) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            Remote.current().githubUrl()
                                + "/repos/"
                                + CatalogRemoteResource.REPO
                                + "/pulls/"
                                + number
                                + "/merge"))
                    .header("Authorization", "Bearer " + CatalogRemoteResource.TOKEN)
                    .PUT(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return ServiceStubs.JSON.readTree(r.body()).path("sha").asText();
  }

  @Test
  void pollingNoticesAMergeWhenNoWebhookArrives() throws Throwable {
    int number = propose(Entries.qwen("qwen-polled")).statusCode(201).extract().path("number");
    mergeOnGitHub(number);

    io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> sync.poll());

    given()
        .queryParam("state", "merged")
        .get("/api/v1/catalog/pull-requests")
        .then()
        .body("items.number", hasItem(number));
    given().get("/api/v1/catalog/entries/qwen-polled").then().statusCode(200);
  }

  @Test
  void aNormalGitClientSeesTheCommitWithTheCallerAsAuthor() throws Exception {
    ObjectNode entry = Entries.qwen("qwen-cli");
    Entries.vllm(entry).put("maxModelLen", 2048);
    propose(entry).statusCode(201);

    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mm-git-cli");
    String url =
        Remote.current()
                .gitBaseUrl()
                .replace("http://", "http://x:" + CatalogRemoteResource.TOKEN + "@")
            + "/catalog.git";
    Process clone =
        new ProcessBuilder(
                "git", "clone", "-q", "-b", "catalog/qwen-cli", url, dir.resolve("c").toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(clone.getInputStream().readAllBytes());
    assertThat(clone.waitFor()).as(out).isZero();
    assertThat(dir.resolve("c/models/qwen-cli.json")).content().contains("\"maxModelLen\": 2048,");
    Process log =
        new ProcessBuilder(
                "git", "-C", dir.resolve("c").toString(), "log", "-1", "--format=%an <%ae>|%cn")
            .redirectErrorStream(true)
            .start();
    assertThat(new String(log.getInputStream().readAllBytes()).trim())
        .isEqualTo("Ada Lovelace <ada@example.org>|model-manager");
  }

  @Test
  void aBranchMovedDuringThePushIsRedoneOnItsNewTip() {
    ObjectNode entry = Entries.qwen("qwen-race");
    propose(entry.deepCopy().put("description", "first")).statusCode(201);
    GitServerAdmin.raceNextPushes(Remote.current().gitBaseUrl(), "catalog/qwen-race", 1);

    propose(entry.put("description", "second")).statusCode(200);

    try (Repository repo = Remote.current().open()) {
      String sha = BareRepos.tip(repo, "catalog/qwen-race");
      assertThat(sha).isNotNull();
    }
    given()
        .contentType(ContentType.JSON)
        .body(entry.toString())
        .post("/api/v1/catalog/diff")
        .then()
        .statusCode(200);
    assertThat(filesOn("catalog/qwen-race")).contains("CONCURRENT-1.md", "models/qwen-race.json");
  }

  private static List<String> filesOn(String branch) {
    try (Repository repo = Remote.current().open();
        org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo);
        org.eclipse.jgit.treewalk.TreeWalk tree = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
      tree.addTree(walk.parseCommit(repo.resolve("refs/heads/" + branch)).getTree());
      tree.setRecursive(true);
      List<String> files = new ArrayList<>();
      while (tree.next()) {
        files.add(tree.getPathString());
      }
      return files;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aBranchThatKeepsMovingIsAConflict() {
    GitServerAdmin.raceNextPushes(Remote.current().gitBaseUrl(), "catalog/qwen-busy", 10);
    propose(Entries.qwen("qwen-busy"))
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("kept moving"));
    GitServerAdmin.raceNextPushes(Remote.current().gitBaseUrl(), "catalog/qwen-busy", 0);
  }

  @Test
  void aWrongGitTokenIsAProblemThatSaysSo() {
    GitServerAdmin.token(Remote.current().gitBaseUrl(), "rotated");
    try {
      propose(Entries.qwen("qwen-token"))
          .statusCode(502)
          .contentType("application/problem+json")
          .body("detail", containsString("MM_CATALOG_GIT_TOKEN"))
          .body("detail", org.hamcrest.Matchers.not(containsString(CatalogRemoteResource.TOKEN)));
    } finally {
      GitServerAdmin.token(Remote.current().gitBaseUrl(), CatalogRemoteResource.TOKEN);
    }
  }

  @Test
  void aTokenGitHubRefusesIsAProblemThatSaysSo() {
    FakeGitHubAdmin.token(Remote.current().githubUrl(), "rotated");
    try {
      propose(Entries.qwen("qwen-gh-token"))
          .statusCode(502)
          .body("detail", containsString("refused the configured token"));
    } finally {
      FakeGitHubAdmin.token(Remote.current().githubUrl(), CatalogRemoteResource.TOKEN);
    }
  }

  @Test
  void aGitHubServerErrorIsRetried() {
    FakeGitHubAdmin.fail(Remote.current().githubUrl(), "POST", "/pulls", 502, 1);
    propose(Entries.qwen("qwen-retry")).statusCode(201);
    assertThat(pullsFrom("catalog/qwen-retry")).hasSize(1);
  }

  @Test
  void aFailingCheckIs422WithTheReportAndWritesNothing() throws Exception {
    ObjectNode entry = Entries.qwen("qwen-bad-args");
    Entries.vllm(entry).putArray("extraArgs").add("--model=/elsewhere");
    propose(entry)
        .statusCode(422)
        .contentType("application/problem+json")
        .body("report.valid", equalTo(false))
        .body("errors.field", hasItem("args:/vllm/extraArgs/0"));
    assertThat(tip("catalog/qwen-bad-args")).isNull();
    assertThat(events(EventTypes.CATALOG_VALIDATION_FAILED, "qwen-bad-args")).isEqualTo(1);
  }

  @Test
  void hostileIdsAreRejectedWith400BeforeAnyFileIsWritten() {
    int before = GitServerAdmin.receives(Remote.current().gitBaseUrl());
    for (String id : List.of("../x", "Upper", "a".repeat(200))) {
      propose(Entries.qwen("placeholder").put("id", id))
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem("entry"));
    }
    assertThat(GitServerAdmin.receives(Remote.current().gitBaseUrl())).isEqualTo(before);
  }

  @Test
  void theBotOpensExactlyOnePullRequestForOneNewCommit() throws Exception {
    given().post("/api/v1/catalog/reload").then().statusCode(200);

    given()
        .post("/api/v1/catalog/bot/run")
        .then()
        .statusCode(200)
        .body(
            "findAll { it.entryId == 'bot-watched' }.isNew", org.hamcrest.Matchers.contains(true));
    given()
        .post("/api/v1/catalog/bot/run")
        .then()
        .statusCode(200)
        .body(
            "findAll { it.entryId == 'bot-watched' }.isNew", org.hamcrest.Matchers.contains(false));

    List<JsonNode> pulls = pullsFrom("catalog-bot/bot-watched");
    assertThat(pulls).hasSize(1);
    assertThat(pulls.get(0).path("title").asText()).startsWith("catalog-bot: move bot-watched to ");
    assertThat(pulls.get(0).path("labels").findValuesAsText("name")).contains("catalog-bot");
    assertThat(events(EventTypes.CATALOG_UPDATE_AVAILABLE, "bot-watched")).isEqualTo(1);

    // The proposals view: the pull request with what it moves and its checks.
    String latest = DemoCatalog.commitOf("mm-demo/tiny-llama");
    given()
        .get("/api/v1/catalog/bot/proposals")
        .then()
        .statusCode(200)
        .body("items.findAll { it.entryId == 'bot-watched' }.size()", equalTo(1))
        .rootPath("items.find { it.entryId == 'bot-watched' }")
        .body("number", equalTo(pulls.get(0).path("number").asInt()))
        .body("url", equalTo(pulls.get(0).path("html_url").asText()))
        .body("state", equalTo("open"))
        .body("hfModelId", equalTo("mm-demo/tiny-llama"))
        .body("fromRevision", equalTo(CatalogRemoteResource.OLD_COMMIT))
        .body("toRevision", equalTo(latest))
        .body("report.valid", equalTo(true))
        .body("report.checks.size()", org.hamcrest.Matchers.greaterThan(0))
        .body("diff.path", equalTo("models/bot-watched.json"))
        .body("diff.unified", containsString("+  \"revision\": \"" + latest + "\""))
        .body("diff.patch.find { it.path == '/revision' }.value", equalTo(latest));
    given()
        .get("/api/v1/catalog/bot/proposals?state=merged")
        .then()
        .statusCode(200)
        .body("items.findAll { it.entryId == 'bot-watched' }", org.hamcrest.Matchers.empty());
    given()
        .get("/api/v1/catalog/bot/proposals?cursor=abc")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }
}
