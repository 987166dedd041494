package dev.modelmanager.deploy.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.deploy.CatalogFixtures;
import dev.modelmanager.deploy.domain.ManifestRenderer;
import dev.modelmanager.deploy.domain.RenderInput;
import dev.modelmanager.deploy.domain.RolloutStrategy;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact request of a server-side apply, seen by fabric8's mock server in expectation mode (its
 * CRUD mode has no server-side apply).
 */
class ServerSideApplyRequestTest {
  static final String PATH =
      "/apis/serving.kserve.io/v1beta1/namespaces/serving/inferenceservices/chat";

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init();
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void appliesAsModelManagerWithForceAsAnApplyPatch(boolean dryRun) throws Exception {
    GenericKubernetesResource manifest =
        new ObjectMapper()
            .convertValue(
                ManifestRenderer.render(
                    new RenderInput(
                        "chat",
                        "serving",
                        1,
                        CatalogFixtures.get("qwen-small"),
                        "models-default",
                        RolloutStrategy.RECREATE)),
                GenericKubernetesResource.class);
    String query = "?fieldManager=model-manager" + (dryRun ? "&dryRun=All" : "") + "&force=true";
    server.expect().patch().withPath(PATH + query).andReturn(200, manifest).once();

    new ManifestApplier.ServerSide()
        .apply(
            client
                .genericKubernetesResources(InferenceServiceCluster.INFERENCE_SERVICES)
                .inNamespace("serving"),
            manifest,
            dryRun);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
    assertThat(request.getPath())
        .startsWith(PATH)
        .contains("fieldManager=model-manager")
        .contains("force=true");
    assertThat(request.getPath().contains("dryRun=All")).isEqualTo(dryRun);
    assertThat(request.getBody().readUtf8())
        // YAML is a superset of JSON: the apply patch body is the manifest as JSON.
        .contains("\"kind\":\"InferenceService\"")
        .contains("kserve-vllmserver");
  }
}
