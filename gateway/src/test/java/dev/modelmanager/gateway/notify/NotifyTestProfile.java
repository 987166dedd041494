package dev.modelmanager.gateway.notify;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The gateway with real Postgres, Kafka and SMTP; receivers on 127.0.0.1 over plain http, which
 * only this explicit allow-list permits (TargetGuardTest proves the refusal without it). Retries
 * are fast so the retry and dead-letter paths run in seconds.
 */
public class NotifyTestProfile implements QuarkusTestProfile {
  static final int MAX_ATTEMPTS = 4;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "mm.notify.allow-http", "true",
        "mm.notify.allowed-targets", "127.0.0.1/32",
        "mm.notify.max-attempts", String.valueOf(MAX_ATTEMPTS),
        "mm.notify.backoff-initial", "200ms",
        "mm.notify.backoff-max", "2s",
        "mm.notify.poll-interval", "100ms",
        "mm.notify.ui-base-url", "https://mm.example.com",
        "mm.notify.stream.heartbeat", "1s",
        "mm.auth.bootstrap.token", dev.modelmanager.gateway.TestAuth.adminToken());
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(PostgresResource.class),
        new TestResourceEntry(KafkaResource.class),
        new TestResourceEntry(GreenMailResource.class));
  }
}
