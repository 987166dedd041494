package dev.modelmanager.gateway.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.modelmanager.gateway.FakeServicesResource;
import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Request bodies sent to the gateway's own endpoints pass the filter pipeline intact, and bad ones
 * answer the kit's problems ({@link ProbeResource} is a test-only JSON endpoint).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = true)
class BodyProblemsTest {

  @Test
  void aValidBodyReachesTheEndpointThroughThePipeline() {
    given()
        .contentType("application/json")
        .header("X-Request-ID", "body-1")
        .body("{\"name\": \"x\", \"count\": 3}")
        .post("/test-probe/echo")
        .then()
        .statusCode(200)
        .header("X-Request-ID", "body-1")
        .body("name", equalTo("x"))
        .body("count", equalTo(3));
  }

  @Test
  void malformedJsonIsAProblem() {
    given()
        .contentType("application/json")
        .header("X-Request-ID", "body-2")
        .body("{\"name\": ")
        .post("/test-probe/echo")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .header("X-Request-ID", "body-2")
        .body("type", equalTo("https://modelmanager.dev/problems/malformed-json"))
        .body("requestId", equalTo("body-2"))
        .body("detail", not(containsString("Exception")));
  }

  @Test
  void wrongJsonTypeNamesTheField() {
    given()
        .contentType("application/json")
        .body("{\"name\": \"x\", \"count\": \"many\"}")
        .post("/test-probe/echo")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("count"));
  }

  @Test
  void constraintViolationsListTheFields() {
    given()
        .contentType("application/json")
        .body("{\"name\": \"\", \"count\": 11}")
        .post("/test-probe/echo")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("https://modelmanager.dev/problems/validation"))
        .body("errors.field", hasItem("name"))
        .body("errors.field", hasItem("count"));
  }

  @Test
  void unsupportedMediaTypeIsAProblem() {
    given()
        .contentType("text/plain")
        .body("hello")
        .post("/test-probe/echo")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
  }
}
