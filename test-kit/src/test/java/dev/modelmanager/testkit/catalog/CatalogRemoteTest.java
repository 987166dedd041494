package dev.modelmanager.testkit.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.modelmanager.testkit.git.BareRepos;
import dev.modelmanager.testkit.git.GitServer;
import dev.modelmanager.testkit.github.FakeGitHub;
import dev.modelmanager.testkit.github.FakeGitHubAdmin;
import dev.modelmanager.testkit.github.WebhookPayloads;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The git server and the fake GitHub, checked with Debian's git and plain HTTP. */
class CatalogRemoteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private Path root;
  private GitServer git;
  private FakeGitHub github;

  @BeforeEach
  void start() throws Exception {
    root = Files.createTempDirectory("catalog-remote");
    Path bare = DemoCatalog.seed(root.resolve("catalog.git"));
    git = new GitServer(root, "tok").start(0);
    github = new FakeGitHub("tok").linkRepo("o/catalog", bare).start(0);
  }

  @AfterEach
  void stop() {
    github.close();
    git.close();
  }

  private Process run(Path dir, String... command) throws Exception {
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
  }

  private String credentialed() {
    return git.url("catalog.git").replace("http://", "http://x:tok@");
  }

  @Test
  void gitClonesAndPushesOverHttpWithTheTokenAndIsRefusedWithout() throws Exception {
    Process clone = run(root, "git", "clone", "-q", credentialed(), "work");
    assertThat(clone.waitFor()).isZero();
    assertThat(root.resolve("work/models/tiny-llama.json")).exists();

    Path work = root.resolve("work");
    Files.writeString(work.resolve("models/new.json"), "{}\n");
    assertThat(run(work, "git", "add", ".").waitFor()).isZero();
    assertThat(
            run(work, "git", "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "new")
                .waitFor())
        .isZero();
    assertThat(run(work, "git", "push", "-q", "origin", "HEAD:refs/heads/feature").waitFor())
        .isZero();
    try (Repository repo = BareRepos.open(root.resolve("catalog.git"))) {
      assertThat(BareRepos.tip(repo, "feature")).isNotNull();
    }

    Process refused =
        run(
            root,
            "git",
            "-c",
            "credential.helper=",
            "clone",
            "-q",
            git.url("catalog.git").replace("http://", "http://x:wrong@"),
            "nope");
    String out = new String(refused.getInputStream().readAllBytes());
    assertThat(refused.waitFor()).isNotZero();
    assertThat(out).contains("Authentication failed");
  }

  private HttpResponse<String> api(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(github.url() + path))
            .header("Authorization", "Bearer tok")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pullRequestsAreCreatedListedLabelledRefusedAndMergedWithAWebhook() throws Exception {
    try (Repository repo = BareRepos.open(root.resolve("catalog.git"))) {
      BareRepos.commitFiles(repo, "refs/heads/catalog/x", Map.of("models/x.json", "{}\n"), "x");
    }
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    CompletableFuture<String[]> delivered = new CompletableFuture<>();
    receiver.createContext(
        "/hook",
        ex -> {
          delivered.complete(
              new String[] {
                ex.getRequestHeaders().getFirst("X-Hub-Signature-256"),
                new String(ex.getRequestBody().readAllBytes())
              });
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    receiver.start();
    github.webhook("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "sec");
    try {
      String create = "{\"title\":\"t\",\"head\":\"catalog/x\",\"base\":\"main\",\"body\":\"b\"}";
      HttpResponse<String> created = api("POST", "/repos/o/catalog/pulls", create);
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(JSON.readTree(created.body()).path("head").path("sha").asText()).hasSize(40);

      HttpResponse<String> again = api("POST", "/repos/o/catalog/pulls", create);
      assertThat(again.statusCode()).isEqualTo(422);
      assertThat(again.body()).contains("A pull request already exists for o:catalog/x.");

      JsonNode listed =
          JSON.readTree(
              api("GET", "/repos/o/catalog/pulls?head=o:catalog/x&state=open", null).body());
      assertThat(listed).hasSize(1);
      assertThat(
              api("POST", "/repos/o/catalog/issues/1/labels", "{\"labels\":[\"catalog\"]}")
                  .statusCode())
          .isEqualTo(200);

      FakeGitHubAdmin.token(github.url(), "new");
      assertThat(api("GET", "/repos/o/catalog/pulls/1", null).statusCode()).isEqualTo(401);
      FakeGitHubAdmin.token(github.url(), "tok");
      FakeGitHubAdmin.fail(github.url(), "GET", "/pulls/1", 503, 1);
      assertThat(api("GET", "/repos/o/catalog/pulls/1", null).statusCode()).isEqualTo(503);

      assertThat(api("PUT", "/repos/o/catalog/pulls/1/merge", null).statusCode()).isEqualTo(200);
      String[] hook = delivered.get(10, TimeUnit.SECONDS);
      assertThat(hook[0]).isEqualTo(WebhookPayloads.signature("sec", hook[1]));
      assertThat(JSON.readTree(hook[1]).path("pull_request").path("merged").asBoolean()).isTrue();
      try (Repository repo = BareRepos.open(root.resolve("catalog.git"))) {
        assertThat(BareRepos.tip(repo, "main"))
            .isEqualTo(
                JSON.readTree(hook[1]).path("pull_request").path("merge_commit_sha").asText());
      }
      assertThat(FakeGitHubAdmin.requests(github.url())).isNotEmpty();
    } finally {
      receiver.stop(0);
    }
  }
}
