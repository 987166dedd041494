package dev.modelmanager.gateway;

import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What browsers are told: only configured origins may call the API; no framing, no sniffing. */
@QuarkusTest
@TestProfile(BrowserHeadersTest.OneConsoleOrigin.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = true)
class BrowserHeadersTest {
  private static final String CONSOLE = "https://console.example.com";

  /** One other origin, as MM_CORS_ORIGINS would list it. */
  public static class OneConsoleOrigin implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.http.cors.origins", CONSOLE);
    }
  }

  @Test
  void aListedOriginMayCallTheApi() {
    given()
        .header("Origin", CONSOLE)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type")
        .options("/api/v1/weights/installs")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", equalTo(CONSOLE));
    asAdmin()
        .header("Origin", CONSOLE)
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", equalTo(CONSOLE));
  }

  /**
   * A service's answer too: a request without an Origin goes to the service past Quarkus's CORS
   * handler (GatewayRouter's direct path); one with an Origin must still meet it.
   */
  @Test
  void aListedOriginMayCallAService() {
    asAdmin()
        .header("Origin", CONSOLE)
        .get("/api/v1/weights/installs")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", equalTo(CONSOLE))
        .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    asAdmin()
        .header("Origin", "https://evil.example.net")
        .get("/api/v1/weights/installs")
        .then()
        .header("Access-Control-Allow-Origin", nullValue());
    asAdmin()
        .get("/api/v1/weights/installs")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", nullValue());
  }

  @Test
  void anyOtherOriginIsNotAllowed() {
    given()
        .header("Origin", "https://evil.example.net")
        .header("Access-Control-Request-Method", "POST")
        .options("/api/v1/weights/installs")
        .then()
        .header("Access-Control-Allow-Origin", nullValue());
    asAdmin()
        .header("Origin", "https://evil.example.net")
        .get("/api/v1/me")
        .then()
        .header("Access-Control-Allow-Origin", nullValue());
  }

  @Test
  void everyResponseForbidsFramingAndSniffing() {
    // The gateway's own answers, a service's (proxied past Quarkus's security handlers: see
    // aListedOriginMayCallAService) and a refusal the gateway makes for a service's route.
    for (String path :
        new String[] {"/api/v1/me", "/q/health/live", "/docs", "/api/v1/weights/installs"}) {
      asAdmin()
          .redirects()
          .follow(false)
          .get(path)
          .then()
          .header("X-Content-Type-Options", equalTo("nosniff"))
          .header("X-Frame-Options", equalTo("DENY"))
          .header("Referrer-Policy", equalTo("same-origin"));
    }
    given()
        .get("/api/v1/weights/installs")
        .then()
        .statusCode(401)
        .header("X-Content-Type-Options", equalTo("nosniff"))
        .header("X-Frame-Options", equalTo("DENY"));
  }
}
