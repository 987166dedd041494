package dev.modelmanager.discovery.refresh;

import dev.modelmanager.testkit.hub.FakeHubResource;
import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.store.SqliteFileResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** A local run: SQLite as the store (one process), the fake Hub, Kafka for the outbox relay. */
public class SqliteRefreshProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    // A gap that would stop a second Postgres run: SQLite ignores it.
    return Map.of("mm.store", "sqlite", "mm.discovery.refresh.min-gap", "5h");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(SqliteFileResource.class),
        new TestResourceEntry(KafkaResource.class),
        new TestResourceEntry(FakeHubResource.class));
  }
}
