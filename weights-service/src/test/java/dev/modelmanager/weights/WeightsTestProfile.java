package dev.modelmanager.weights;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** One application for every weights test: real Postgres, real Kafka, the fake hub, temp disks. */
public class WeightsTestProfile implements QuarkusTestProfile {
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(PostgresResource.class),
        new TestResourceEntry(KafkaResource.class),
        new TestResourceEntry(WeightsHubResource.class));
  }

  @Override
  public java.util.Map<String, String> getConfigOverrides() {
    // The stale-weights report runs when a test asks, and finds every unused snapshot stale.
    return java.util.Map.of("mm.weights.stale.delay", "24h", "mm.weights.stale.max-age-days", "0");
  }
}
