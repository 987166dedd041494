package dev.modelmanager.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.model.catalog.ModelEntry;
import dev.modelmanager.model.discovery.GpuPool;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure rules behind the args, policy and fit checks, and the webhook signature. */
class RulesTest {

  private static ModelEntry entry(List<String> args, Map<String, String> nodeSelector, int tp) {
    return new ModelEntry(
        "e",
        null,
        "org/m",
        "a".repeat(40),
        "m",
        "rt",
        new ModelEntry.Weights(null, "hf"),
        new ModelEntry.Vllm(tp, null, null, null, null, null, null, args),
        new ModelEntry.Resources(null, Map.of("nvidia.com/gpu", String.valueOf(tp))),
        nodeSelector,
        null,
        null,
        null,
        "mit",
        null);
  }

  @Test
  void argsFailOnOwnedFlagsDuplicatesAndRepeatsAndWarnOnUnknownFlags() {
    List<CheckResult> r =
        ArgsRules.check(
            entry(
                List.of(
                    "--host=0.0.0.0", "--max-model-len", "4096", "--seed=1", "--seed=2", "--wat"),
                null,
                1));
    assertThat(r)
        .extracting(CheckResult::status, CheckResult::pointer)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CheckResult.Status.FAIL, "/vllm/extraArgs/0"),
            org.assertj.core.groups.Tuple.tuple(CheckResult.Status.FAIL, "/vllm/extraArgs/1"),
            org.assertj.core.groups.Tuple.tuple(CheckResult.Status.FAIL, "/vllm/extraArgs/4"),
            org.assertj.core.groups.Tuple.tuple(CheckResult.Status.WARN, "/vllm/extraArgs/5"));
    assertThat(ArgsRules.check(entry(List.of("--enable-prefix-caching"), null, 1)))
        .extracting(CheckResult::status)
        .containsExactly(CheckResult.Status.PASS);
  }

  @Test
  void policyNamesTheRuleThatFails() {
    CatalogPolicy policy =
        new CatalogPolicy(Set.of("Apache-2.0", "mit"), false, List.of("mm-demo"));
    assertThat(policy.check("other/m", "mit", "mit", "false").get(0).message())
        .startsWith("rule allowed-orgs");
    assertThat(policy.check("mm-demo/m", "mit", "mit", "manual").get(0).message())
        .startsWith("rule allow-gated");
    assertThat(policy.check("mm-demo/m", "gpl-3.0", null, "false").get(0).message())
        .startsWith("rule allowed-licenses");
    assertThat(policy.check("mm-demo/m", null, "apache-2.0", "false").get(0).status())
        .isEqualTo(CheckResult.Status.PASS);
    assertThat(policy.check("mm-demo/m", null, null, "false").get(0).status())
        .isEqualTo(CheckResult.Status.WARN);
  }

  @Test
  void theNodeSelectorPicksTheProductNotItsLongerNamesakes() {
    GpuPool l4 =
        new GpuPool("L4-24GB", "NVIDIA L4 24GB", "nvidia", 24L << 30, 8, "static", "L4-24GB");
    GpuPool l40s =
        new GpuPool("L40S-48GB", "NVIDIA L40S 48GB", "nvidia", 48L << 30, 8, "static", "L40S-48GB");
    GpuSelection s = GpuSelection.of(entry(null, Map.of("nvidia.com/gpu.product", "NVIDIA-L4"), 1));
    assertThat(s.select(List.of(l4, l40s))).containsExactly(l4);
    assertThat(GpuSelection.of(entry(null, null, 2)).select(List.of(l4, l40s))).hasSize(2);
  }

  @Test
  void webhookSignaturesAreCheckedAgainstTheSecret() {
    byte[] body = "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String good = dev.modelmanager.testkit.github.WebhookPayloads.signature("s3cret", "{\"a\":1}");
    assertThat(WebhookSignature.verify("s3cret", body, good)).isTrue();
    assertThat(WebhookSignature.verify("other", body, good)).isFalse();
    assertThat(WebhookSignature.verify("s3cret", body, "sha256=zz")).isFalse();
    assertThat(WebhookSignature.verify("s3cret", body, null)).isFalse();
  }

  @Test
  void aDiffOfOneChangedFieldIsOneReplace() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    var before =
        json.readTree("{\"id\":\"e\",\"vllm\":{\"maxModelLen\":4096,\"tensorParallelSize\":1}}");
    var after =
        json.readTree("{\"vllm\":{\"tensorParallelSize\":1,\"maxModelLen\":8192},\"id\":\"e\"}");
    EntryDiff d = EntryDiff.of("models/e.json", "abc", before, after);
    assertThat(d.patch().toString())
        .isEqualTo("[{\"op\":\"replace\",\"path\":\"/vllm/maxModelLen\",\"value\":8192}]");
    assertThat(d.unified()).contains("-    \"maxModelLen\": 4096,\n+    \"maxModelLen\": 8192,");
    assertThat(EntryDiff.of("models/e.json", "abc", before, before).changed()).isFalse();
  }
}
