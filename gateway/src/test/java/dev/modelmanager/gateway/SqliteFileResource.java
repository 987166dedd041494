package dev.modelmanager.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** Points the SQLite adapters at a fresh file, for tests that exercise both stores. */
public class SqliteFileResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    try {
      return Map.of(
          "mm.sqlite.path",
          Files.createTempDirectory("mm-gateway-sqlite").resolve("gateway.sqlite").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {}
}
