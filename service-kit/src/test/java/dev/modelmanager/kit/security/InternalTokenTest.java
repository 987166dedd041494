package dev.modelmanager.kit.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.modelmanager.testkit.security.InternalTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** A service with internal tokens required, as outside tests: only the gateway gets in. */
@QuarkusTest
@TestProfile(TokensRequiredProfile.class)
class InternalTokenTest {
  private static final String API = "/api/v1/system/info";

  @Test
  void aDirectCallWithoutTheTokenIs401Problem() {
    given()
        .get(API)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("type", equalTo("https://modelmanager.dev/problems/unauthorized"))
        .body("status", equalTo(401))
        .body("instance", equalTo(API));
  }

  @Test
  void aTokenSignedByAnotherKeyIs401() {
    given()
        .header("Authorization", "Bearer " + InternalTokens.signedByStranger("mallory"))
        .get(API)
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }

  @Test
  void anExpiredTokenIs401() {
    given()
        .header("Authorization", "Bearer " + InternalTokens.expired("alice"))
        .get(API)
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }

  @Test
  void aTokenForAnotherAudienceIs401() {
    given()
        .header("Authorization", "Bearer " + InternalTokens.wrongAudience("alice"))
        .get(API)
        .then()
        .statusCode(401);
  }

  @Test
  void anApiKeyOrGarbageIsNotAToken() {
    given().header("Authorization", "Bearer mm_notajwt").get(API).then().statusCode(401);
    given().header("Authorization", "Basic YWxpY2U6cHc=").get(API).then().statusCode(401);
  }

  @Test
  void aCallToAnotherServiceOnTheCallersBehalfCarriesTheCallersToken() {
    given()
        .header("Authorization", InternalTokens.bearer("oidc|bob-7", "Bob"))
        .get("/api/v1/test/actor/relayed")
        .then()
        .statusCode(200)
        .body("subject", equalTo("oidc|bob-7"))
        .body("authenticated", equalTo(true));
  }

  /** Verified tokens are remembered for speed, never past their expiry (plus the 5 s skew). */
  @Test
  void aRememberedTokenStillExpires() {
    String shortLived = InternalTokens.bearerExpiringIn("carol", java.time.Duration.ofSeconds(1));
    given().header("Authorization", shortLived).get(API).then().statusCode(200);
    given().header("Authorization", shortLived).get(API).then().statusCode(200);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .pollInterval(java.time.Duration.ofMillis(500))
        .until(() -> given().header("Authorization", shortLived).get(API).statusCode() == 401);
  }

  @Test
  void aValidTokenPassesAndBecomesTheActor() {
    given()
        .header("Authorization", InternalTokens.bearer("alice", "Alice"))
        .get(API)
        .then()
        .statusCode(200);
    given()
        .header("Authorization", InternalTokens.bearer("oidc|alice-42", "Alice Liddell"))
        .get("/api/v1/test/actor")
        .then()
        .statusCode(200)
        .body("subject", equalTo("oidc|alice-42"))
        .body("name", equalTo("Alice Liddell"))
        .body("authenticated", equalTo(true));
  }

  @Test
  void anEndpointThatAuthenticatesItselfTakesAnonymousCallsButStillChecksATokenSent() {
    given()
        .get("/api/v1/test/actor/hook")
        .then()
        .statusCode(200)
        .body("subject", equalTo(CurrentActor.LOCAL))
        .body("authenticated", equalTo(false));
    given()
        .header("Authorization", "Bearer " + InternalTokens.signedByStranger("mallory"))
        .get("/api/v1/test/actor/hook")
        .then()
        .statusCode(401);
  }

  @Test
  void managementPathsStayOpen() {
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(not(401));
  }

  @Test
  void nonApiPathsAreNotGuarded() {
    given().get("/test/probe/conflict").then().statusCode(409);
  }
}
