package dev.modelmanager.gateway;

import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static org.hamcrest.Matchers.equalTo;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behind a configured trusted proxy, its X-Forwarded-* headers reach the services. */
@QuarkusTest
@TestProfile(TrustedProxyTest.BehindAProxy.class)
class TrustedProxyTest {

  /** The test client (127.0.0.1) plays the trusted proxy. */
  public static class BehindAProxy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("mm.gateway.trusted-proxies", "10.0.0.0/8,127.0.0.1/32,::1");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(PostgresResource.class),
          new TestResourceEntry(KafkaResource.class),
          new TestResourceEntry(FakeServicesResource.class));
    }
  }

  @Test
  void forwardingHeadersFromATrustedProxyAreKeptAndTheChainGrows() {
    asAdmin()
        .header("X-Forwarded-Host", "models.example.com")
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-For", "203.0.113.7")
        .get("/api/v1/catalog/entries")
        .then()
        .statusCode(200)
        .body("headers.x-forwarded-host", equalTo("models.example.com"))
        .body("headers.x-forwarded-proto", equalTo("https"))
        .body("headers.x-forwarded-for", equalTo("203.0.113.7, 127.0.0.1"));
  }
}
