package dev.modelmanager.catalog.probe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.modelmanager.testkit.service.FoundationProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * How the kit's problem mappers answer bad request bodies, through a test-only JSON endpoint
 * ({@link ProbeResource}); every service shares these mappers.
 */
@QuarkusTest
@TestProfile(FoundationProfile.class)
class BodyProblemsTest {

  @Test
  void malformedJsonIsAProblem() {
    given()
        .contentType("application/json")
        .body("{\"name\": ")
        .post("/test-probe/echo")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("https://modelmanager.dev/problems/malformed-json"))
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
