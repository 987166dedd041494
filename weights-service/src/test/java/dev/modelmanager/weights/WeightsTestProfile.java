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
}
