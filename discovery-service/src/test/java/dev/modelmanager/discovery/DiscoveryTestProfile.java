package dev.modelmanager.discovery;

import dev.modelmanager.testkit.hub.FakeHubResource;
import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/**
 * Real Postgres and Kafka, the fake Hub as HF endpoint, short retry waits, and catalog-service down
 * (a port nothing listens on: connection refused).
 */
public class DiscoveryTestProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        // The fake hub hashes a generated 16 GB checkpoint (Llama-3.1-8B) on its first resolve;
        // on a loaded machine that first details call outlasts RestAssured's default 30 s.
        "quarkus.http.test-timeout", "120s",
        "mm.discovery.catalog-url", "http://127.0.0.1:" + closedPort(),
        "mm.hf.initial-backoff", "20ms",
        "mm.hf.max-backoff", "1s",
        "mm.hf.max-retries", "3",
        // The demo hub's gated Llama accepts this token (its license "accepted").
        "mm.hf.token", "hf_demo_accepted");
  }

  /** A port that was free a moment ago and that nothing listens on. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(PostgresResource.class),
        new TestResourceEntry(KafkaResource.class),
        new TestResourceEntry(FakeHubResource.class));
  }
}
