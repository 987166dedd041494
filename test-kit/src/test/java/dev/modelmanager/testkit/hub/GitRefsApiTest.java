package dev.modelmanager.testkit.hub;

import static dev.modelmanager.testkit.hub.HubHttp.header;
import static dev.modelmanager.testkit.hub.HubHttp.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /refs} and {@code /commits/{rev}} answer in the shapes huggingface_hub's {@code
 * list_repo_refs} ({@code GitRefInfo}: name, ref, targetCommit) and {@code list_repo_commits}
 * ({@code GitCommitInfo}: id, title, message, authors[].user, date; paged by {@code Link}) parse.
 */
class GitRefsApiTest {

  private static final String REPO = "git-org/history";
  private static FakeHub hub;
  private static HubHttp http;

  @BeforeAll
  static void start() {
    HubRepoBuilder b =
        HubRepo.builder(REPO)
            .textFile("config.json", "{}")
            .createdAt(Instant.parse("2024-01-01T00:00:00Z"))
            .commit("Upload weights", "alice", Instant.parse("2024-03-01T10:00:00Z"))
            .tag("v1.0");
    for (int i = 0; i < 60; i++) {
      b.history("Older change " + i, "bob", Instant.parse("2024-02-01T00:00:00Z").minusSeconds(i));
    }
    b.revision(
        "release",
        r ->
            r.tag()
                .textFile("config.json", "{\"x\": 1}")
                .commit("Release build", "carol", Instant.parse("2024-03-02T00:00:00Z")));
    b.revision("dev", r -> r.textFile("dev.txt", "wip"));
    hub =
        new FakeHub()
            .addRepo(b.build())
            .addRepo(HubRepo.builder("git-org/private").privateRepo(true).build())
            .start();
    http = new HubHttp(hub);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void refsListBranchesAndTagsWithTheirTargetCommits() {
    HttpResponse<byte[]> response = http.get("/api/models/" + REPO + "/refs");
    assertEquals(200, response.statusCode());
    JsonNode refs = parse(response);
    String main = hub.repo(REPO).orElseThrow().main().sha();
    assertEquals(List.of("branches", "converts", "tags"), fields(refs));
    assertEquals("main", refs.at("/branches/0/name").asText());
    assertEquals("refs/heads/main", refs.at("/branches/0/ref").asText());
    assertEquals(main, refs.at("/branches/0/targetCommit").asText());
    assertEquals("dev", refs.at("/branches/1/name").asText());
    assertEquals(2, refs.path("branches").size());
    assertEquals("refs/tags/release", refs.at("/tags/0/ref").asText());
    assertEquals("v1.0", refs.at("/tags/1/name").asText());
    assertEquals(main, refs.at("/tags/1/targetCommit").asText(), "v1.0 tags main's commit");
    assertTrue(refs.path("converts").isEmpty());
    assertTrue(parse(http.get("/api/models/" + REPO + "/refs?include_prs=1")).has("pullRequests"));
  }

  @Test
  void commitsAreNewestFirstAndPagedByLinkHeaders() {
    HttpResponse<byte[]> first = http.get("/api/models/" + REPO + "/commits/main");
    assertEquals(200, first.statusCode());
    JsonNode page = parse(first);
    assertEquals(50, page.size());
    JsonNode head = page.get(0);
    assertEquals(List.of("id", "title", "message", "authors", "date"), fields(head));
    assertEquals(hub.repo(REPO).orElseThrow().main().sha(), head.path("id").asText());
    assertEquals("Upload weights", head.path("title").asText());
    assertEquals("alice", head.at("/authors/0/user").asText());
    assertEquals("2024-03-01T10:00:00Z", head.path("date").asText());
    assertEquals("Older change 0", page.get(1).path("title").asText());

    String link = header(first, "Link");
    assertTrue(link.endsWith("/api/models/" + REPO + "/commits/main?p=1>; rel=\"next\""), link);
    String next = link.substring(1, link.indexOf('>'));
    HttpResponse<byte[]> second = http.get(next);
    JsonNode rest = parse(second);
    assertEquals(62 - 50, rest.size(), "head + 60 older + the initial commit");
    assertEquals("initial commit", rest.get(rest.size() - 1).path("title").asText());
    assertEquals("2024-01-01T00:00:00Z", rest.get(rest.size() - 1).path("date").asText());
    assertNull(header(second, "Link"));
    assertEquals("62", header(second, "X-Total-Count"));

    HttpResponse<byte[]> limited = http.get("/api/models/" + REPO + "/commits/main?limit=2");
    assertEquals(2, parse(limited).size());
    assertTrue(header(limited, "Link").contains("?p=1&limit=2>"), header(limited, "Link"));
  }

  @Test
  void aBranchOrTagAddsItsCommitOnTopOfMainsHistory() {
    JsonNode release = parse(http.get("/api/models/" + REPO + "/commits/release"));
    assertEquals("Release build", release.get(0).path("title").asText());
    assertEquals("carol", release.at("/0/authors/0/user").asText());
    assertEquals(hub.repo(REPO).orElseThrow().main().sha(), release.get(1).path("id").asText());
    JsonNode tag = parse(http.get("/api/models/" + REPO + "/commits/v1.0"));
    assertEquals("Upload weights", tag.get(0).path("title").asText());
    String sha = hub.repo(REPO).orElseThrow().revision("dev").orElseThrow().sha();
    JsonNode bySha = parse(http.get("/api/models/" + REPO + "/commits/" + sha));
    assertEquals(sha, bySha.get(0).path("id").asText());
    assertEquals(HubCommit.UPLOAD_TITLE, bySha.get(0).path("title").asText());
  }

  @Test
  void unknownRepoRevisionAndPrivateRepoAnswerLikeTheHub() {
    HttpResponse<byte[]> repo = http.get("/api/models/git-org/missing/refs");
    assertEquals(404, repo.statusCode());
    assertEquals("RepoNotFound", header(repo, "X-Error-Code"));
    HttpResponse<byte[]> revision = http.get("/api/models/" + REPO + "/commits/nope");
    assertEquals(404, revision.statusCode());
    assertEquals("RevisionNotFound", header(revision, "X-Error-Code"));
    assertEquals(401, http.get("/api/models/git-org/private/refs").statusCode());
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
