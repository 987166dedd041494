package dev.modelmanager.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.deploy.CatalogFixtures;
import org.junit.jupiter.api.Test;

class ManifestDiffTest {

  @Test
  void serverFieldsAreIgnoredAndChangesShowAsPatchAndYaml() {
    ObjectNode live = ManifestRendererTest.render("qwen-small", RolloutStrategy.RECREATE);
    live.with("metadata").put("resourceVersion", "42").put("uid", "u-1");
    live.with("status").put("url", "http://chat.example.com");
    ObjectNode next = ManifestRendererTest.render("qwen-small-long", RolloutStrategy.RECREATE);

    ManifestDiff diff = ManifestDiff.between(live, next);

    assertThat(diff.patch().toString()).doesNotContain("resourceVersion").doesNotContain("status");
    assertThat(diff.patch().toString()).contains("\"op\":\"replace\"").contains("32768");
    assertThat(diff.unified().lines())
        .anyMatch(l -> l.startsWith("-") && l.endsWith("\"4096\""))
        .anyMatch(l -> l.startsWith("+") && l.endsWith("\"32768\""));
    assertThat(
            ManifestDiff.between(
                    live, ManifestRendererTest.render("qwen-small", RolloutStrategy.RECREATE))
                .empty())
        .isTrue();
    assertThat(CatalogFixtures.get("qwen-small")).isNotNull();
  }

  @Test
  void nothingLiveDiffsAsEverythingAdded() {
    ManifestDiff diff =
        ManifestDiff.between(
            null, ManifestRendererTest.render("qwen-small", RolloutStrategy.RECREATE));
    assertThat(diff.patch().get(0).path("op").asText()).isEqualTo("add");
    assertThat(diff.unified()).contains("+apiVersion: serving.kserve.io/v1beta1");
  }
}
