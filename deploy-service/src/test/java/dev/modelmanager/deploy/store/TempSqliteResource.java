package dev.modelmanager.deploy.store;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** A fresh SQLite file per test run, so the contract starts from an empty database. */
public class TempSqliteResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    try {
      return Map.of(
          "mm.sqlite.path",
          Files.createTempDirectory("mm-deploy-sqlite").resolve("deploy.sqlite").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    // The temporary folder goes with the machine's temp cleanup.
  }
}
