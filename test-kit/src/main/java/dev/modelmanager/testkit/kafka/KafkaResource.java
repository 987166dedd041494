package dev.modelmanager.testkit.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: one real Kafka broker per test JVM, shared by every test class that names
 * this resource, on dynamic ports.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

  /** The shared broker, started on first use; tests may stop and start it. */
  public static KafkaBroker broker() {
    return KafkaBroker.shared();
  }

  @Override
  public Map<String, String> start() {
    return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
  }

  @Override
  public void stop() {
    // Kept for the next test class in this JVM; the shutdown hook ends it.
  }
}
