package dev.modelmanager.kit.web;

import dev.modelmanager.testkit.store.SqliteFileResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The kit as a component on its SQLite store: no Postgres, no broker needed. */
public class KitTestProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("mm.store", "sqlite", "kafka.bootstrap.servers", "127.0.0.1:1");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(SqliteFileResource.class));
  }
}
