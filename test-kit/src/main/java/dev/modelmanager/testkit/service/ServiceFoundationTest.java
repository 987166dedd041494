package dev.modelmanager.testkit.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * What every Model Manager component promises, run by each module with
 * {@code @QuarkusTest @TestProfile(FoundationProfile.class)}.
 */
public abstract class ServiceFoundationTest {

  /** The expected {@code mm.service-name}. */
  protected abstract String serviceName();

  /** A request as this component's callers send it (the gateway: with an API token). */
  protected RequestSpecification request() {
    return given();
  }

  @Test
  void readinessCoversTheDatabaseAndKafka() {
    request()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("kafka"))
        .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
  }

  @Test
  void metricsArePrometheusText() {
    request()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"));
  }

  @Test
  void openApiIsServed() {
    request()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("openapi", startsWith("3."))
        .body("paths", notNullValue());
  }

  @Test
  void systemInfoNamesTheComponentAndShowsTunables() {
    request()
        .get("/api/v1/system/info")
        .then()
        .statusCode(200)
        .body("name", equalTo(serviceName()))
        .body("version", notNullValue())
        .body("commit", notNullValue())
        .body("uptimeSeconds", notNullValue())
        .body("config.'mm.service-name'", equalTo(serviceName()))
        .body("config.'quarkus.datasource.password'", equalTo("***"))
        .body("config.'hf.token'", equalTo("***"));
  }

  @Test
  void systemInfoNeverContainsASecret() {
    String body = request().get("/api/v1/system/info").then().statusCode(200).extract().asString();
    assertThat(body)
        .doesNotContain(FoundationProfile.DB_PASSWORD)
        .doesNotContain(FoundationProfile.HF_TOKEN)
        .doesNotContain(FoundationProfile.PLAIN_PASSWORD)
        .contains("***");
  }

  @Test
  void unknownRouteIsAProblemWithTheRequestId() {
    Response r = request().header("X-Request-ID", "probe-123").get("/api/v1/no-such-thing");
    r.then()
        .statusCode(404)
        .contentType("application/problem+json")
        .header("X-Request-ID", "probe-123")
        .body("type", equalTo("https://modelmanager.dev/problems/not-found"))
        .body("status", equalTo(404))
        .body("requestId", equalTo("probe-123"))
        .body("instance", equalTo("/api/v1/no-such-thing"));
  }

  @Test
  void aMissingRequestIdIsGenerated() {
    request().get("/api/v1/system/info").then().header("X-Request-ID", notNullValue());
  }

  @Test
  void wrongMethodIsAProblem() {
    request()
        .delete("/api/v1/system/info")
        .then()
        .statusCode(405)
        .contentType("application/problem+json");
  }
}
