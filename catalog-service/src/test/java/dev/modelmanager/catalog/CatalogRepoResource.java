package dev.modelmanager.catalog;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** Points the catalog service at a fresh bare repository and a fresh checkout folder. */
public class CatalogRepoResource implements QuarkusTestResourceLifecycleManager {
  private String name = "default";

  /** The default fixture. */
  public static GitCatalogFixture fixture() {
    return fixture("default");
  }

  /**
   * The fixture of a test class that asked for its own repository with the init arg {@code name}.
   */
  public static synchronized GitCatalogFixture fixture(String name) {
    // A system property, not a static map: the resource and the test see different class loaders.
    String key = "modelmanager.test.catalog-fixture." + name;
    String root = System.getProperty(key);
    if (root != null) {
      return GitCatalogFixture.open(java.nio.file.Path.of(root));
    }
    GitCatalogFixture f = GitCatalogFixture.create();
    System.setProperty(key, f.root().toString());
    return f;
  }

  @Override
  public void init(Map<String, String> initArgs) {
    name = initArgs.getOrDefault("name", "default");
  }

  @Override
  public Map<String, String> start() {
    try {
      return Map.of(
          "mm.catalog.repo-url", fixture(name).url(),
          "mm.catalog.checkout-dir",
              Files.createTempDirectory("mm-catalog-checkout").resolve("c").toString(),
          "mm.catalog.init-if-missing", "false",
          "mm.sqlite.path",
              Files.createTempDirectory("mm-sqlite").resolve("catalog.sqlite").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {}
}
