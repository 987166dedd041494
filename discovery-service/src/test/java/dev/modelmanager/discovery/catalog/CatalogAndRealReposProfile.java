package dev.modelmanager.discovery.catalog;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Real Postgres and Kafka, a fake catalog-service, and a fake Hub holding real repo layouts. */
public class CatalogAndRealReposProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "mm.hf.initial-backoff", "20ms",
        "mm.hf.max-backoff", "1s",
        "mm.hf.max-retries", "3",
        "mm.hf.token", "hf_demo_accepted");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(PostgresResource.class),
        new TestResourceEntry(KafkaResource.class),
        new TestResourceEntry(RealRepoHubResource.class),
        new TestResourceEntry(FakeCatalogResource.class));
  }
}
