package dev.modelmanager.gateway;

import static dev.modelmanager.gateway.TestAuth.as;
import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.modelmanager.model.security.ApiTokenFormat;
import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guessing tokens from one address is slowed down with 429 and Retry-After. */
@QuarkusTest
@TestProfile(FailedTokenThrottleTest.FewFailures.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = true)
class FailedTokenThrottleTest {

  /** Three refused credentials a minute. */
  public static class FewFailures implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // The test client reaches the gateway as a load balancer would: from a trusted address,
      // naming the client in X-Forwarded-For.
      return Map.of(
          "mm.auth.failures.max", "3",
          "mm.auth.failures.window", "60s",
          "mm.gateway.trusted-proxies", "127.0.0.1,::1");
    }
  }

  @Test
  void repeatedWrongTokensFromOneClientAre429WithRetryAfterWhileOthersGoOn() {
    String guesser = "203.0.113.7";
    String neighbour = "203.0.113.8";
    asAdmin().header("X-Forwarded-For", guesser).get("/api/v1/gpus").then().statusCode(200);
    for (int i = 0; i < 3; i++) {
      as(ApiTokenFormat.generate())
          .header("X-Forwarded-For", guesser)
          .get("/api/v1/gpus")
          .then()
          .statusCode(401);
    }
    as(ApiTokenFormat.generate())
        .header("X-Forwarded-For", guesser)
        .get("/api/v1/gpus")
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .header("Retry-After", matchesPattern("[1-9][0-9]*"))
        .body("type", equalTo("https://modelmanager.dev/problems/too-many-requests"));
    // While blocked, even a good token waits: the client is throttled, not the token.
    asAdmin().header("X-Forwarded-For", guesser).get("/api/v1/gpus").then().statusCode(429);
    // Behind the same load balancer, another client is not.
    asAdmin().header("X-Forwarded-For", neighbour).get("/api/v1/gpus").then().statusCode(200);
  }
}
