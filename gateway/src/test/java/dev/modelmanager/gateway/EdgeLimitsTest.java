package dev.modelmanager.gateway;

import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static org.hamcrest.Matchers.equalTo;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests stopped at the gateway's edge, before any filter or service: each answer is a problem
 * with the request id, like every other error.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = true)
class EdgeLimitsTest {
  private static final String PROBLEMS = "https://modelmanager.dev/problems/";

  /** mm.gateway.max-body-size in this test (see FakeServicesResource): 10M default. */
  private static final int OVER_BODY_LIMIT = 10 * 1024 * 1024 + 1;

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/catalog/entries", "/api/v1/system/info", "/openapi.json"})
  void aUriLongerThanTheLimitIs414Problem(String path) {
    asAdmin()
        .header("X-Request-ID", "long-1")
        .queryParam("q", "x".repeat(5000))
        .get(path)
        .then()
        .statusCode(414)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "uri-too-long"))
        .body("requestId", equalTo("long-1"));
  }

  @Test
  void headersLargerThanTheLimitAre431Problem() {
    asAdmin()
        .header("X-Big", "y".repeat(21 * 1024))
        .get("/api/v1/catalog/entries")
        .then()
        .statusCode(431)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "headers-too-large"));
  }

  @Test
  void aDeclaredBodyOverTheLimitIs413ProblemWithoutReachingTheService() {
    asAdmin()
        .contentType("application/json")
        .body(new byte[OVER_BODY_LIMIT])
        .post("/api/v1/weights/installs")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "content-too-large"));
  }

  @Test
  void aChunkedBodyOverTheLimitIs413Problem() {
    // An InputStream body is sent chunked: no Content-Length to check up front.
    asAdmin()
        .contentType("application/octet-stream")
        .header("Connection", "close")
        .body(new ByteArrayInputStream(new byte[OVER_BODY_LIMIT]))
        .post("/api/v1/weights/installs")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("type", equalTo(PROBLEMS + "content-too-large"));
  }

  @Test
  void aBodyWithinTheLimitPasses() {
    asAdmin()
        .contentType("application/json")
        .body("{\"repo\":\"org/model\"}")
        .post("/api/v1/weights/installs")
        .then()
        .statusCode(200)
        .body("service", equalTo("weights-service"));
  }
}
