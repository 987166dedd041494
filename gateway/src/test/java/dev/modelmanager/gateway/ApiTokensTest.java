package dev.modelmanager.gateway;

import static dev.modelmanager.gateway.TestAuth.as;
import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.modelmanager.model.security.ApiTokenFormat;
import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * API tokens and role checks through the gateway, in front of fake services: the "done
 * when" walk (no token 401, viewer 403 on an install and 200 on the list, operator allowed, revoke
 * 401), plus rotation, expiry, escalation and what is stored.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = true)
class ApiTokensTest {
  static final List<String> VIEWER_SCOPES =
      List.of("discovery:read", "weights:read", "catalog:read", "deploy:read", "events:read");
  static final List<String> OPERATOR_SCOPES =
      List.of("discovery:read", "weights:read", "weights:write", "catalog:write", "tokens");

  @Test
  void withoutACredentialAnApiRouteIsA401ProblemWithAChallenge() {
    given()
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/weights/installs")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("type", equalTo("https://modelmanager.dev/problems/unauthorized"));
  }

  @Test
  void aViewerReadsButCannotInstallAndAnOperatorCan() {
    String viewer = create("viewer", VIEWER_SCOPES, "viewer").getString("token");
    String operator = create("operator", OPERATOR_SCOPES, "operator").getString("token");

    as(viewer).get("/api/v1/weights/installs").then().statusCode(200);
    as(viewer)
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/weights/installs")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("needs role operator"));
    as(operator)
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/weights/installs")
        .then()
        .statusCode(200)
        .body("service", equalTo("weights-service"));
    // The operator's token lacks deploy:write: its scopes limit it below its role.
    as(operator).post("/api/v1/deployments/x/activate").then().statusCode(403);
    // X-API-Key works as well as Authorization: Bearer.
    given().header("X-API-Key", viewer).get("/api/v1/gpus").then().statusCode(200);
  }

  @Test
  void meTellsWhoIsCallingAndHow() {
    JsonPath created = create("me-check", VIEWER_SCOPES, "viewer");
    as(created.getString("token"))
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("subject", equalTo("local-admin"))
        .body("roles", equalTo(List.of("viewer")))
        .body("scopes", hasItem("weights:read"))
        .body("authMethod", equalTo("api_token"))
        .body("tokenId", equalTo(created.getString("id")));
  }

  @Test
  void theTokenHasTheScannableFormatAndIsShownOnlyOnce() {
    JsonPath created = create("format", VIEWER_SCOPES, "viewer");
    String token = created.getString("token");
    assertThat(ApiTokenFormat.wellFormed(token)).isTrue();
    assertThat(token).startsWith(created.getString("prefix"));
    asAdmin()
        .get("/api/v1/tokens/" + created.getString("id"))
        .then()
        .statusCode(200)
        .body("token", nullValue())
        .body("hash", nullValue())
        .body("name", equalTo("format"));
    asAdmin()
        .get("/api/v1/tokens")
        .then()
        .statusCode(200)
        .body(not(containsString(token)))
        .body(not(containsString(ApiTokenFormat.hash(token))));
  }

  @Test
  void aRevokedTokenIsRefusedOnTheNextRequest() {
    JsonPath created = create("revoke-me", VIEWER_SCOPES, "viewer");
    String token = created.getString("token");
    as(token).get("/api/v1/gpus").then().statusCode(200);
    asAdmin()
        .delete("/api/v1/tokens/" + created.getString("id"))
        .then()
        .statusCode(200)
        .body("revokedAt", not(nullValue()));
    as(token)
        .get("/api/v1/gpus")
        .then()
        .statusCode(401)
        .body("detail", equalTo("The API token is unknown, expired or revoked"));
  }

  @Test
  void aTokenRevokedStraightInTheDatabaseIsRefusedAtOnce() throws Exception {
    JsonPath created = create("revoke-by-sql", VIEWER_SCOPES, "viewer");
    String token = created.getString("token");
    as(token).get("/api/v1/gpus").then().statusCode(200); // now remembered by the gateway
    PostgresResource.Endpoint pg = PostgresResource.endpoint();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "update gateway.api_token set revoked_at = now() where id = '"
              + created.getString("id")
              + "'");
    }
    // The trigger's NOTIFY reaches the gateway a few milliseconds after the commit; without it the
    // remembered token would be served for mm.auth.tokens.cache-ttl (60 s).
    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> as(token).get("/api/v1/gpus").statusCode() == 401);
  }

  @Test
  void rotationKeepsTheOldSecretForTheGracePeriodOnly() {
    JsonPath created = create("rotate-me", VIEWER_SCOPES, "viewer");
    String old = created.getString("token");
    String withGrace =
        asAdmin()
            .contentType("application/json")
            .body(Map.of("grace", "PT2S"))
            .post("/api/v1/tokens/" + created.getString("id") + "/rotate")
            .then()
            .statusCode(201)
            .body("name", equalTo("rotate-me"))
            .extract()
            .path("token");
    assertThat(withGrace).isNotEqualTo(old);
    as(old).get("/api/v1/gpus").then().statusCode(200);
    as(withGrace).get("/api/v1/gpus").then().statusCode(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> as(old).get("/api/v1/gpus").statusCode() == 401);
    as(withGrace).get("/api/v1/gpus").then().statusCode(200);

    String newId = as(withGrace).get("/api/v1/me").path("tokenId");
    String third =
        asAdmin()
            .contentType("application/json")
            .body("{}")
            .post("/api/v1/tokens/" + newId + "/rotate")
            .then()
            .statusCode(201)
            .extract()
            .path("token");
    as(withGrace).get("/api/v1/gpus").then().statusCode(401);
    as(third).get("/api/v1/gpus").then().statusCode(200);
  }

  @Test
  void anExpiredTokenIsRefused() {
    String token =
        asAdmin()
            .contentType("application/json")
            .body(Map.of("name", "short", "scopes", VIEWER_SCOPES, "ttl", "PT1S"))
            .post("/api/v1/tokens")
            .then()
            .statusCode(201)
            .extract()
            .path("token");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> as(token).get("/api/v1/gpus").statusCode() == 401);
  }

  @Test
  void aTokenCannotGiveMoreThanItsCreatorHas() {
    String viewer = create("low", List.of("tokens", "weights:read"), "viewer").getString("token");
    as(viewer)
        .contentType("application/json")
        .body(Map.of("name", "up", "scopes", List.of("weights:read"), "role", "admin"))
        .post("/api/v1/tokens")
        .then()
        .statusCode(403)
        .body("detail", containsString("role"));
    as(viewer)
        .contentType("application/json")
        .body(Map.of("name", "wide", "scopes", List.of("weights:write")))
        .post("/api/v1/tokens")
        .then()
        .statusCode(403)
        .body("detail", containsString("scopes"));
    // Its own tokens only: listing everyone's is for admins.
    as(viewer).get("/api/v1/tokens?all=true").then().statusCode(403);
    as(viewer)
        .get("/api/v1/tokens")
        .then()
        .statusCode(200)
        .body("owner", org.hamcrest.Matchers.everyItem(equalTo("local-admin")));
  }

  @Test
  void badTokenRequestsAre400ProblemsNamingTheField() {
    asAdmin()
        .contentType("application/json")
        .body(Map.of("name", "x", "scopes", List.of("weights:everything")))
        .post("/api/v1/tokens")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem(containsString("scopes")));
    asAdmin()
        .contentType("application/json")
        .body(Map.of("name", "x", "scopes", List.of("weights:read"), "ttl", "P9999D"))
        .post("/api/v1/tokens")
        .then()
        .statusCode(400)
        .body("detail", containsString("at most"));
    asAdmin().get("/api/v1/tokens/not-an-id").then().statusCode(400);
  }

  @Test
  void malformedCredentialsAre401AndNeverEchoed() {
    String almost = ApiTokenFormat.generate();
    String badChecksum =
        almost.substring(0, almost.length() - 1) + (almost.endsWith("0") ? "1" : "0");
    as(badChecksum)
        .get("/api/v1/gpus")
        .then()
        .statusCode(401)
        .body(not(containsString(badChecksum)));
    given()
        .header("Authorization", "Basic YWRtaW46YWRtaW4=")
        .get("/api/v1/gpus")
        .then()
        .statusCode(401);
    // Not an mm_ token, and no OIDC provider in this test: refused, not passed on.
    as("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").get("/api/v1/gpus").then().statusCode(401);
  }

  @Test
  void ownRoutesWithoutARuleAreDeniedAndPublicPathsStayOpen() {
    asAdmin().get("/api/v1/system/nothing-here").then().statusCode(403);
    given().get("/api/v1/system/nothing-here").then().statusCode(401);
    given().get("/q/health/live").then().statusCode(200);
    given()
        .get("/openapi.json")
        .then()
        .statusCode(200)
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY");
  }

  @Test
  void thePlaintextIsNotStoredAnywhereInTheDatabase() throws Exception {
    String token = create("stored", VIEWER_SCOPES, "viewer").getString("token");
    List<String> values = new ArrayList<>();
    PostgresResource.Endpoint pg = PostgresResource.endpoint();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select * from gateway.api_token")) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          values.add(String.valueOf(rs.getObject(i)));
        }
      }
    }
    assertThat(values).contains(ApiTokenFormat.hash(token));
    assertThat(values).noneMatch(v -> v.contains(token.substring(3)));
  }

  static JsonPath create(String name, List<String> scopes, String role) {
    return asAdmin()
        .contentType("application/json")
        .body(Map.of("name", name, "scopes", scopes, "role", role))
        .post("/api/v1/tokens")
        .then()
        .statusCode(201)
        .header("Location", containsString("/api/v1/tokens/tok_"))
        .header("Cache-Control", "no-store")
        .extract()
        .jsonPath();
  }
}
