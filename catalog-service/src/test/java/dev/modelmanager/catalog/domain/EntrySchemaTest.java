package dev.modelmanager.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.testkit.catalog.DemoCatalog;
import org.junit.jupiter.api.Test;

class EntrySchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode valid() throws Exception {
    return (ObjectNode)
        JSON.readTree(DemoCatalog.entry("tiny", "mm-demo/tiny-llama", "a".repeat(40)));
  }

  private static java.util.List<String> pointers(ObjectNode entry) {
    return EntrySchema.get().violations(entry).stream().map(CheckResult::pointer).toList();
  }

  @Test
  void theDemoEntryIsValid() throws Exception {
    assertThat(EntrySchema.get().violations(valid())).isEmpty();
  }

  @Test
  void everyViolationCarriesItsPointer() throws Exception {
    ObjectNode e = valid();
    e.put("revision", "main");
    e.remove("runtime");
    ((ObjectNode) e.get("vllm")).put("gpuMemoryUtilization", 1.5);
    ((ObjectNode) e.get("resources").get("limits")).put("nvidia.com/gpu", "one");
    assertThat(pointers(e))
        .contains(
            "/revision",
            "/runtime",
            "/vllm/gpuMemoryUtilization",
            "/resources/limits/nvidia.com~1gpu");
    assertThat(EntrySchema.get().violations(e))
        .allMatch(c -> c.status() == CheckResult.Status.FAIL);
  }

  @Test
  void secretsMustBeReferencesNotLiterals() throws Exception {
    ObjectNode e = valid();
    e.putArray("env").addObject().put("name", "API_KEY").put("value", "plain");
    assertThat(pointers(e)).contains("/env/0");

    ObjectNode ref = valid();
    ref.putArray("env")
        .addObject()
        .put("name", "HF_TOKEN")
        .putObject("valueFrom")
        .putObject("secretKeyRef")
        .put("name", "hf-token")
        .put("key", "token");
    assertThat(EntrySchema.get().violations(ref)).isEmpty();
  }

  @Test
  void weightsNameALocationOrHfButNotBoth() throws Exception {
    ObjectNode e = valid();
    e.putObject("weights").put("source", "hf").put("location", "default");
    assertThat(pointers(e)).contains("/weights");
  }

  @Test
  void canonicalJsonIsStable() throws Exception {
    String text = DemoCatalog.entry("tiny", "mm-demo/tiny-llama", "a".repeat(40));
    assertThat(CanonicalJson.write(JSON.readTree(text))).isEqualTo(text);
  }
}
