package dev.modelmanager.discovery.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelmanager.discovery.DiscoveryTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a token, a gated model is a problem that says what to do. */
@QuarkusTest
@TestProfile(GatedModelTest.NoToken.class)
class GatedModelTest {

  /** The discovery profile without the Hub token. */
  public static class NoToken extends DiscoveryTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> config = new HashMap<>(super.getConfigOverrides());
      config.remove("mm.hf.token");
      return config;
    }
  }

  @Test
  void aGatedModelWithoutATokenSaysToAcceptTheLicenseAndSetHfToken() {
    given()
        .get("/api/v1/models/meta-llama/Llama-3.1-8B/details")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("https://modelmanager.dev/problems/hub-access-denied"))
        .body("detail", containsString("accept its license"))
        .body("detail", containsString("HF_TOKEN"));
  }

  @Test
  void recommendationsForAGatedModelAnswerTheSameProblem() {
    given()
        .contentType("application/json")
        .body("{\"model\":\"meta-llama/Llama-3.1-8B\"}")
        .post("/api/v1/recommendations")
        .then()
        .statusCode(403)
        .body("type", equalTo("https://modelmanager.dev/problems/hub-access-denied"));
  }
}
