package dev.modelmanager.weights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** A gated repository installs with only {@code HF_TOKEN} set, and the token stays on the Hub. */
@QuarkusTest
@TestProfile(WeightsTestProfile.class)
class GatedInstallTest {
  private static final Duration MINUTE = Duration.ofSeconds(60);

  @Test
  void installsAGatedRepoWithOnlyHfTokenSet() throws Exception {
    assertThat(ConfigProvider.getConfig().getConfigValue("mm.hf.token").getRawValue())
        .as("the test sets HF_TOKEN only")
        .isEqualTo("${HF_TOKEN:}");

    String id = Installs.start("{\"repo\": \"mm-test/gated\", \"location\": \"gated\"}");
    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");

    assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
    Path location = WeightsHubResource.root().resolve("gated");
    HfCacheCheck.assertReadable(
        location,
        "mm-test/gated",
        "main",
        job.getString("commit"),
        List.of("config.json", "model.safetensors"));
    List<JsonNode> resolves = HubAdmin.requests("/mm-test/gated/resolve/");
    assertThat(resolves).isNotEmpty();
    assertThat(resolves).allSatisfy(r -> assertThat(r.path("status").asInt()).isLessThan(400));
  }

  @Test
  void theTokenNeverReachesTheCdn() {
    String id = Installs.start("{\"repo\": \"mm-test/gated\", \"location\": \"gated-cdn\"}");
    JsonPath job = Installs.awaitState(id, MINUTE, "SUCCEEDED", "FAILED");

    assertThat(job.getString("state")).as(job.prettify()).isEqualTo("SUCCEEDED");
    List<JsonNode> cdn = HubAdmin.requests("/cdn/");
    assertThat(cdn).as("LFS bytes came from the CDN").isNotEmpty();
    assertThat(cdn).allSatisfy(r -> assertThat(r.path("token").isNull()).as(r.toString()).isTrue());
    assertThat(HubAdmin.requests("/mm-test/gated/resolve/"))
        .allSatisfy(
            r -> assertThat(r.path("token").asText()).isEqualTo(WeightsHubResource.HF_TOKEN));
  }
}
