package dev.modelmanager.testkit.store;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Points {@code mm.sqlite.path} at a new file in a fresh temporary folder, so the SQLite adapters
 * start from an empty, freshly migrated database. Init arg {@code name}: the file's name ({@code
 * store.sqlite} by default).
 */
public class SqliteFileResource implements QuarkusTestResourceLifecycleManager {
  private String name = "store.sqlite";

  @Override
  public void init(Map<String, String> initArgs) {
    name = initArgs.getOrDefault("name", name);
  }

  @Override
  public Map<String, String> start() {
    try {
      return Map.of(
          "mm.sqlite.path", Files.createTempDirectory("mm-sqlite").resolve(name).toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    // The temporary folder goes with the machine's temp cleanup; the file is small.
  }
}
