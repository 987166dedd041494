package dev.modelmanager.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceRoutesTest {

  @ParameterizedTest
  @CsvSource({
    "/api/v1/huggingface, discovery-service",
    "/api/v1/vllm/architectures, discovery-service",
    "/api/v1/models/meta-llama/Llama-3.1-8B, discovery-service",
    "/api/v1/gpus, discovery-service",
    "/api/v1/discover/collections, discovery-service",
    "/api/v1/recommendations/x, discovery-service",
    "/api/v1/weights/installs, weights-service",
    "/api/v1/catalog, catalog-service",
    "/api/v1/deployments/a/b, deploy-service"
  })
  void eachPrefixBelongsToItsService(String path, String service) {
    assertThat(ServiceRoutes.serviceFor(path)).contains(service);
    assertThat(ServiceRoutes.isOwn(path)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/system/info",
        "/api/v1/tokens",
        "/api/v1/audit/x",
        "/api/v1/notifications",
        "/api/v1/events",
        "/api/v1/activity/export",
        "/api/v1/me/preferences",
        "/api/v1/auth/config"
      })
  void theGatewaysOwnPrefixesAreNotProxied(String path) {
    assertThat(ServiceRoutes.isOwn(path)).isTrue();
    assertThat(ServiceRoutes.serviceFor(path)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/modelsx",
        "/api/v1/catalogue",
        "/api/v2/models",
        "/models",
        "/api/v1/tokensx",
        "/api/v1/me2"
      })
  void aPrefixMatchesWholeSegmentsOnly(String path) {
    assertThat(ServiceRoutes.serviceFor(path)).isEmpty();
    assertThat(ServiceRoutes.isOwn(path)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"/api/v1, true", "/api/v1/x, true", "/api/v10, false", "/api/v, false", "/, false"})
  void theApiIsEverythingUnderApiV1(String path, boolean api) {
    assertThat(ServiceRoutes.isApi(path)).isEqualTo(api);
  }
}
