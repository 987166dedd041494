package dev.modelmanager.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.deploy.CatalogFixtures;
import dev.modelmanager.model.catalog.ApprovedEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestRendererTest {

  static Stream<String> everyFixture() {
    return CatalogFixtures.all().keySet().stream();
  }

  static ObjectNode render(String entry, RolloutStrategy strategy) {
    ApprovedEntry a = CatalogFixtures.get(entry);
    String claim =
        a.entry().weights().location() == null ? null : "models-" + a.entry().weights().location();
    return ManifestRenderer.render(new RenderInput("chat", "serving", 3, a, claim, strategy));
  }

  @ParameterizedTest
  @MethodSource("everyFixture")
  void everyRenderedManifestIsValidAgainstTheInferenceServiceCrd(String entry) {
    for (RolloutStrategy s : RolloutStrategy.values()) {
      assertThat(CrdSchema.problems(render(entry, s))).as(entry + " " + s).isEmpty();
    }
  }

  @Test
  void theStrictSchemaCatchesAFieldKServeDoesNotKnow() {
    ObjectNode manifest = render("qwen-small", RolloutStrategy.RECREATE);
    manifest.with("spec").with("predictor").put("gpuCount", 1);
    assertThat(CrdSchema.problems(manifest)).isNotEmpty();
  }

  @Test
  void labelsAndAnnotationsPinTheEntryCommitAndRevision() {
    JsonNode m = render("qwen-small", RolloutStrategy.RECREATE);
    JsonNode meta = m.path("metadata");
    assertThat(m.path("apiVersion").asText()).isEqualTo("serving.kserve.io/v1beta1");
    assertThat(meta.path("labels").path("app.kubernetes.io/managed-by").asText())
        .isEqualTo("model-manager");
    assertThat(meta.path("labels").path("modelmanager.dev/entry").asText()).isEqualTo("qwen-small");
    assertThat(meta.path("labels").path("modelmanager.dev/revision").asText()).isEqualTo("3");
    assertThat(meta.path("annotations").path("serving.kserve.io/deploymentMode").asText())
        .isEqualTo("RawDeployment");
    assertThat(meta.path("annotations").path("modelmanager.dev/catalog-commit").asText())
        .isEqualTo(CatalogFixtures.CATALOG_COMMIT);
    assertThat(
            m.path("spec")
                .path("predictor")
                .path("labels")
                .path("modelmanager.dev/revision")
                .asText())
        .isEqualTo("3");
  }

  @Test
  void stagedWeightsAreMountedReadOnlyAndLoadedOfflineAtTheCommit() {
    JsonNode model =
        render("qwen-small", RolloutStrategy.RECREATE).path("spec").path("predictor").path("model");
    assertThat(args(model))
        .containsSequence(
            "--model", "Qwen/Qwen2.5-0.5B", "--revision", CatalogFixtures.QWEN_COMMIT);
    assertThat(model.path("env").toString())
        .contains("\"HF_HUB_CACHE\",\"value\":\"/mnt/models-cache\"")
        .contains("\"HF_HUB_OFFLINE\",\"value\":\"1\"");
    assertThat(model.path("volumeMounts").get(0).path("readOnly").asBoolean()).isTrue();
    JsonNode volume =
        render("qwen-small", RolloutStrategy.RECREATE)
            .path("spec")
            .path("predictor")
            .path("volumes")
            .get(0);
    assertThat(volume.path("persistentVolumeClaim").path("claimName").asText())
        .isEqualTo("models-default");
    assertThat(volume.path("persistentVolumeClaim").path("readOnly").asBoolean()).isTrue();
  }

  @Test
  void vllmArgumentsFollowTheEntryWithExtraArgsLast() {
    List<String> args =
        args(
            render("llama-8b-tp2", RolloutStrategy.RECREATE)
                .path("spec")
                .path("predictor")
                .path("model"));
    assertThat(args)
        .containsSubsequence(
            "--served-model-name",
            "llama-8b",
            "--tensor-parallel-size",
            "2",
            "--max-model-len",
            "32768",
            "--gpu-memory-utilization",
            "0.92",
            "--dtype",
            "bfloat16",
            "--quantization",
            "fp8",
            "--kv-cache-dtype",
            "fp8",
            "--enable-prefix-caching");
    assertThat(args.get(args.size() - 1)).isEqualTo("--enable-prefix-caching");
  }

  @Test
  void weightsFromTheHubNeedNoClaimAndStayOnline() {
    JsonNode predictor =
        render("qwen-from-hub", RolloutStrategy.RECREATE).path("spec").path("predictor");
    assertThat(predictor.has("volumes")).isFalse();
    assertThat(predictor.path("model").path("env").toString()).doesNotContain("HF_HUB_OFFLINE");
  }

  @Test
  void nodeSelectorTolerationsAndEnvReferencesAreCarried() {
    JsonNode predictor =
        render("mixtral-8x7b", RolloutStrategy.RECREATE).path("spec").path("predictor");
    assertThat(predictor.path("nodeSelector").path("nvidia.com/gpu.product").asText())
        .isEqualTo("NVIDIA-H100-80GB-HBM3");
    assertThat(predictor.path("tolerations").get(0).path("effect").asText())
        .isEqualTo("NoSchedule");
    assertThat(predictor.path("model").path("env").toString())
        .contains("\"secretKeyRef\":{\"name\":\"hf-token\",\"key\":\"token\"}")
        .contains("\"configMapKeyRef\":{\"name\":\"vllm-tuning\",\"key\":\"config\"}");
    assertThat(args(predictor.path("model"))).contains("--trust-remote-code");
  }

  @Test
  void oneGpuFleetsRecreateAndLargerFleetsRollOver() {
    assertThat(RolloutStrategy.choose(1, 1)).isEqualTo(RolloutStrategy.RECREATE);
    assertThat(RolloutStrategy.choose(2, 3)).isEqualTo(RolloutStrategy.RECREATE);
    assertThat(RolloutStrategy.choose(1, 2)).isEqualTo(RolloutStrategy.ROLLING_UPDATE);
    assertThat(RolloutStrategy.choose(1, null)).isEqualTo(RolloutStrategy.RECREATE);
    assertThat(
            render("qwen-small", RolloutStrategy.choose(1, 1))
                .path("spec")
                .path("predictor")
                .path("deploymentStrategy")
                .path("type")
                .asText())
        .isEqualTo("Recreate");
  }

  private static List<String> args(JsonNode model) {
    List<String> out = new ArrayList<>();
    model.path("args").forEach(a -> out.add(a.asText()));
    return out;
  }
}
