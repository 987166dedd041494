package dev.modelmanager.testkit.service;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Real Postgres (with a password inside the datasource URLs) and a real Kafka broker, plus secret
 * settings that system info must never show.
 */
public class FoundationProfile implements QuarkusTestProfile {
  public static final String DB_PASSWORD = "pg-S3cret-in-url";
  public static final String HF_TOKEN = "hf_S3cretTokenValue";
  public static final String PLAIN_PASSWORD = "plain-S3cret-password";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("hf.token", HF_TOKEN, "quarkus.datasource.password", PLAIN_PASSWORD);
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(PostgresResource.class, Map.of("urlPassword", DB_PASSWORD)),
        new TestResourceEntry(KafkaResource.class));
  }
}
