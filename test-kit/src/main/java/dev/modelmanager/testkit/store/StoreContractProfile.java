package dev.modelmanager.testkit.store;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * The app a store contract test runs in: real Postgres as the active store, a real Kafka broker,
 * and a fresh SQLite file for the SQLite adapters. Extend it to add a service's own resources.
 */
public class StoreContractProfile implements QuarkusTestProfile {

  @Override
  public final List<TestResourceEntry> testResources() {
    List<TestResourceEntry> resources = new ArrayList<>();
    resources.add(new TestResourceEntry(PostgresResource.class));
    resources.add(new TestResourceEntry(KafkaResource.class));
    resources.add(new TestResourceEntry(SqliteFileResource.class));
    resources.addAll(moreResources());
    return resources;
  }

  /** The service's own extra test resources (a catalog repository, a fake hub…). */
  protected List<TestResourceEntry> moreResources() {
    return List.of();
  }
}
