package dev.modelmanager.testkit.catalog;

import dev.modelmanager.testkit.git.GitServer;
import dev.modelmanager.testkit.github.FakeGitHub;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The catalog's remote side for {@code bin/mm up --demo}: a git smart-HTTP server holding the demo
 * catalog repository and a GitHub API stand-in linked to it, whose merges are delivered to the
 * catalog service as signed webhooks. Options ({@code --name value}): {@code git-port} (8091),
 * {@code github-port} (8092), {@code dir} (.mm/catalog-remote), {@code token} (demo-token), {@code
 * repo} (mm-demo/catalog), {@code webhook-url}, {@code webhook-secret} (demo-secret).
 */
public final class CatalogDemo {
  private CatalogDemo() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> o = options(args);
    Path dir = Path.of(o.getOrDefault("dir", ".mm/catalog-remote")).toAbsolutePath();
    String token = o.getOrDefault("token", "demo-token");
    String repo = o.getOrDefault("repo", "mm-demo/catalog");
    Path bare = DemoCatalog.seed(dir.resolve("catalog.git"));
    GitServer git =
        new GitServer(dir, token).start(Integer.parseInt(o.getOrDefault("git-port", "8091")));
    FakeGitHub github =
        new FakeGitHub(token)
            .linkRepo(repo, bare)
            .start(Integer.parseInt(o.getOrDefault("github-port", "8092")));
    if (o.containsKey("webhook-url")) {
      github.webhook(o.get("webhook-url"), o.getOrDefault("webhook-secret", "demo-secret"));
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  github.close();
                  git.close();
                },
                "catalog-demo-shutdown"));
    System.out.println("Catalog repository: " + git.url("catalog.git") + " (token " + token + ")");
    System.out.println("GitHub API stand-in: " + github.url() + " for " + repo);
    System.out.println(
        "Merge a pull request: curl -X PUT -H 'Authorization: Bearer "
            + token
            + "' "
            + github.url()
            + "/repos/"
            + repo
            + "/pulls/<number>/merge");
    new CountDownLatch(1).await();
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    return o;
  }
}
