package dev.modelmanager.gateway;

import dev.modelmanager.model.security.ApiTokenFormat;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The admin token of the gateway under test: generated once per test JVM, handed to the gateway as
 * {@code mm.auth.bootstrap.token} by the test resources, and sent by {@link #asAdmin()}. Kept in a
 * system property so the test code and the application (another class loader) see the same value.
 */
public final class TestAuth {
  private static final String PROPERTY = "modelmanager.test.admin-token";

  private TestAuth() {}

  /** The admin token, created on first use. */
  public static synchronized String adminToken() {
    String token = System.getProperty(PROPERTY);
    if (token == null) {
      token = ApiTokenFormat.generate();
      System.setProperty(PROPERTY, token);
    }
    return token;
  }

  /** A request sent with the admin token. */
  public static RequestSpecification asAdmin() {
    return RestAssured.given().header("Authorization", "Bearer " + adminToken());
  }

  /** A request sent with {@code token}. */
  public static RequestSpecification as(String token) {
    return RestAssured.given().header("Authorization", "Bearer " + token);
  }

  /**
   * A new API token (its plaintext) that acts as {@code owner} with {@code role} and {@code
   * scopes}, created by the admin.
   */
  public static String token(String owner, String role, java.util.List<String> scopes) {
    return asAdmin()
        .contentType("application/json")
        .body(
            java.util.Map.of(
                "name", "test-" + owner, "scopes", scopes, "role", role, "owner", owner))
        .post("/api/v1/tokens")
        .then()
        .statusCode(201)
        .extract()
        .path("token");
  }
}
