package dev.modelmanager.gateway;

import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * System info and the log never show a secret: every setting the suite defines is fed a value that
 * carries a sentinel where a secret would sit (URL userinfo with an '@' in the password, a secret
 * query parameter; the whole value for secret-named keys), and no sentinel may come out.
 */
@QuarkusTest
@TestProfile(SystemInfoSecretsTest.WithSecrets.class)
class SystemInfoSecretsTest {
  static final String SENTINEL = "sentinel-7f3a";
  static final String PASSWORD = "pw-should-never-show-1";
  static final String URL_PASSWORD = "url-secret-should-never-show-3";
  static final Path LOG = Path.of("target", "system-info-secrets.log");

  /**
   * The String settings of every {@code @ConfigMapping} in the suite (KitConfig, HubConfig,
   * GatewayConfig, CatalogConfig, WeightsConfig, DiscoveryConfig) and the secret-bearing ones the
   * coming integrations name (GitHub, notifications, OIDC). The gateway's own identity and service
   * URLs are left to the test resources, so that it still starts and reaches its services.
   */
  static final List<String> URL_SETTINGS =
      List.of(
          "mm.hf.endpoint",
          "mm.catalog.repo-url",
          "mm.catalog.branch",
          "mm.catalog.checkout-dir",
          "mm.catalog.entries-path",
          "mm.discovery.catalog-url",
          "mm.weights.locations[0].name",
          "mm.weights.locations[0].pvc-name",
          "mm.deploy.kserve.storage-uri",
          "mm.notify.smtp.url");

  static final List<String> SECRET_SETTINGS =
      List.of(
          "mm.hf.token",
          "mm.gateway.auth.bootstrap-token",
          "mm.catalog.github.token",
          "mm.catalog.github.app.private-key",
          "mm.catalog.github.webhook-secret",
          "mm.notify.slack.webhook",
          "mm.notify.webhooks[0].url-webhook",
          "mm.notify.smtp.password",
          "mm.notify.smtp.pass",
          "mm.gateway.oidc.client-secret",
          "mm.gateway.internal-jwt.signing-key",
          "mm.deploy.registry.authorization",
          "quarkus.datasource.password");

  /** Secrets set the way an operator would. */
  public static class WithSecrets implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> settings = new HashMap<>();
      for (String key : URL_SETTINGS) {
        settings.put(key, "https://mm:p@ss-" + SENTINEL + "@host.invalid/x?token=" + SENTINEL);
      }
      for (String key : SECRET_SETTINGS) {
        settings.put(key, SENTINEL + "-" + key.length());
      }
      settings.put("quarkus.datasource.password", PASSWORD);
      // Other services' settings are unknown to the gateway's mappings: let them in anyway.
      settings.put("smallrye.config.mapping.validate-unknown", "false");
      settings.put("quarkus.log.file.enabled", "true");
      settings.put("quarkus.log.file.path", LOG.toString());
      settings.put("quarkus.log.file.level", "ALL");
      return settings;
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
  void noSettingsSecretAppearsInSystemInfoOrTheLog() throws Exception {
    String body = asAdmin().get("/api/v1/system/info").then().statusCode(200).extract().asString();
    // Errors and proxied calls write to the log too.
    asAdmin().get("/api/v1/deployments/x").then().statusCode(502);
    asAdmin().get("/api/v1/nothing").then().statusCode(404);

    assertThat(body)
        .doesNotContain(SENTINEL)
        .doesNotContain(PASSWORD)
        .doesNotContain(URL_PASSWORD)
        .doesNotContain(FakeServicesResource.LEAKED_SECRET);
    JsonPath json = JsonPath.from(body);
    for (String key : SECRET_SETTINGS) {
      assertThat(json.getString("config.'" + key + "'")).as(key).isEqualTo("***");
    }
    assertThat(json.getString("config.'mm.catalog.repo-url'"))
        .isEqualTo("https://***@host.invalid/x?token=***");
    assertThat(json.getString("config.'quarkus.datasource.reactive.url'")).contains("***@");
    // The gateway still works with these settings: it reaches its services.
    assertThat(json.getString("components.'catalog-service'.status")).isEqualTo("UP");

    String log = Files.readString(LOG, StandardCharsets.UTF_8);
    assertThat(log).isNotEmpty();
    assertThat(log).doesNotContain(SENTINEL).doesNotContain(PASSWORD).doesNotContain(URL_PASSWORD);
  }
}
