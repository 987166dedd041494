package dev.modelmanager.catalog.authoring;

import dev.modelmanager.testkit.catalog.DemoCatalog;
import dev.modelmanager.testkit.git.BareRepos;
import dev.modelmanager.testkit.git.GitServer;
import dev.modelmanager.testkit.github.FakeGitHub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;

/**
 * The catalog's remote side for tests: a real git smart-HTTP server (basic auth) holding a catalog
 * repository seeded with the demo entries, and the fake GitHub API linked to it. Tests reach them
 * through {@link Remote} (URLs and the bare repository's path, which work across class loaders).
 */
public class CatalogRemoteResource implements QuarkusTestResourceLifecycleManager {
  public static final String TOKEN = "test-token";
  public static final String SECRET = "test-webhook-secret";
  public static final String REPO = "mm-test/catalog";

  /** A stale commit the bot-test entry is pinned to, so the hub's main is "new". */
  public static final String OLD_COMMIT = "1111111111111111111111111111111111111111";

  private GitServer git;
  private FakeGitHub github;

  /** Where the test's remote lives; read from system properties the resource set. */
  public record Remote(String gitBaseUrl, String githubUrl, Path bare) {
    public static Remote current() {
      return new Remote(
          System.getProperty("modelmanager.test.catalog.git"),
          System.getProperty("modelmanager.test.catalog.github"),
          Path.of(System.getProperty("modelmanager.test.catalog.bare")));
    }

    public Repository open() {
      return BareRepos.open(bare);
    }
  }

  @Override
  public Map<String, String> start() {
    try {
      Path root = Files.createTempDirectory("mm-catalog-remote");
      Path bare = DemoCatalog.seed(root.resolve("catalog.git"));
      try (Repository repo = BareRepos.open(bare)) {
        BareRepos.commitFiles(
            repo,
            "refs/heads/main",
            Map.of(
                "models/bot-watched.json",
                DemoCatalog.entry("bot-watched", "mm-demo/tiny-llama", OLD_COMMIT)),
            "An entry the bot will find behind");
      }
      git = new GitServer(root, TOKEN).start(0);
      github = new FakeGitHub(TOKEN).linkRepo(REPO, bare).start(0);
      System.setProperty("modelmanager.test.catalog.git", git.baseUrl());
      System.setProperty("modelmanager.test.catalog.github", github.url());
      System.setProperty("modelmanager.test.catalog.bare", bare.toString());
      Path work = Files.createTempDirectory("mm-catalog-work");
      Map<String, String> config = new HashMap<>();
      config.put("mm.catalog.repo-url", git.url("catalog.git"));
      config.put("mm.catalog.git-token", TOKEN);
      config.put("mm.catalog.github-api-url", github.url());
      config.put("mm.catalog.github-repo", REPO);
      config.put("mm.catalog.webhook-secret", SECRET);
      config.put("mm.catalog.init-if-missing", "false");
      config.put("mm.catalog.checkout-dir", work.resolve("checkout").toString());
      config.put("mm.sqlite.path", work.resolve("catalog.sqlite").toString());
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (github != null) {
      github.close();
    }
    if (git != null) {
      git.close();
    }
  }
}
