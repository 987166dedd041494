package dev.modelmanager.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTemplatesTest {

  @ParameterizedTest
  @CsvSource({
    "/api/v1/weights/installs/7f3c2a10-1111-4e2b-9c1d-0a1b2c3d4e5f,/api/v1/weights/installs/{id}",
    "/api/v1/weights/installs/42/cancel,/api/v1/weights/installs/{id}/cancel",
    "/api/v1/weights/installs/42/retry,/api/v1/weights/installs/{id}/retry",
    "/api/v1/weights/9b1e/pin,/api/v1/weights/{id}/pin",
    "/api/v1/weights/9b1e/unpin,/api/v1/weights/{id}/unpin",
    "/api/v1/catalog/entries/mistral-7b-instruct,/api/v1/catalog/entries/{id}",
    "/api/v1/catalog/pull-requests/17,/api/v1/catalog/pull-requests/{number}",
    "/api/v1/deployments/chat/revisions/3,/api/v1/deployments/{name}/revisions/{number}",
    "/api/v1/deployments/chat/revisions,/api/v1/deployments/{name}/revisions",
    "/api/v1/deployments/chat/activate,/api/v1/deployments/{name}/activate",
    "/api/v1/deployments/chat/deactivate,/api/v1/deployments/{name}/deactivate",
    "/api/v1/deployments/chat/dry-run,/api/v1/deployments/{name}/dry-run",
    "/api/v1/deployments/chat/manifest,/api/v1/deployments/{name}/manifest",
    "/api/v1/deployments/chat/rollback,/api/v1/deployments/{name}/rollback",
    "/api/v1/deployments/chat,/api/v1/deployments/{name}",
    "/api/v1/models/mistralai/Mistral-7B-Instruct-v0.3/details,/api/v1/models/{org}/{name}/details",
    "/api/v1/models/gpt2/details,/api/v1/models/{org}/{name}/details",
    "/api/v1/models/google/gemma-3-27b-it/readme,/api/v1/models/{org}/{name}/readme",
    "/api/v1/vllm/architectures/LlamaForCausalLM,/api/v1/vllm/architectures/{arch}"
  })
  void aPathWithAnIdCountsUnderItsTemplate(String path, String template) {
    assertThat(RouteTemplates.of(path)).isEqualTo(template);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "/api/v1/huggingface/search",
        "/api/v1/weights/installs",
        "/api/v1/weights/installs/",
        "/api/v1/weights/installs//cancel",
        "/api/v1/weights/installs/42/cancel/now",
        "/api/v1/deployments",
        "/api/v1/deployments/",
        "/api/v1/models/details",
        "/api/v1/models//details",
        "/api/v1/models/org/name/details/",
        "/api/v1/models/org/name/card",
        "/api/v1/vllm/architectures",
        "/api/v1/catalog/entries/a/b",
        "api/v1/deployments/chat"
      })
  void anythingElseHasNone(String path) {
    assertThat(RouteTemplates.of(path)).isNull();
  }
}
