package dev.modelmanager.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** System info never shows a secret: not a password, not a token, not credentials in a URL. */
@QuarkusTest
@TestProfile(SystemInfoSecretsTest.WithSecrets.class)
class SystemInfoSecretsTest {
  static final String PASSWORD = "pw-should-never-show-1";
  static final String TOKEN = "mm_token-should-never-show-2";
  static final String URL_PASSWORD = "url-secret-should-never-show-3";

  /** Secrets set the way an operator would: a password, a token, credentials inside a URL. */
  public static class WithSecrets implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.datasource.password", PASSWORD, "mm.gateway.auth.bootstrap-token", TOKEN);
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(PostgresResource.class, Map.of("urlPassword", URL_PASSWORD)),
          new TestResourceEntry(KafkaResource.class),
          new TestResourceEntry(FakeServicesResource.class));
    }
  }

  @Test
  void systemInfoContainsNoSecretValue() {
    String body = given().get("/api/v1/system/info").then().statusCode(200).extract().asString();

    assertThat(body)
        .doesNotContain(PASSWORD)
        .doesNotContain(TOKEN)
        .doesNotContain(URL_PASSWORD)
        .doesNotContain(FakeServicesResource.LEAKED_SECRET);
    JsonPath json = JsonPath.from(body);
    assertThat(json.getString("config.'quarkus.datasource.password'")).isEqualTo("***");
    assertThat(json.getString("config.'mm.gateway.auth.bootstrap-token'")).isEqualTo("***");
    assertThat(json.getString("config.'quarkus.datasource.reactive.url'")).contains("***@");
    // The gateway still works with these settings: it reaches its services.
    assertThat(json.getString("components.'catalog-service'.status")).isEqualTo("UP");
  }
}
