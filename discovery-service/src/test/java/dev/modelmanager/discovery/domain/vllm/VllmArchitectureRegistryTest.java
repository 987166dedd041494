package dev.modelmanager.discovery.domain.vllm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VllmArchitectureRegistryTest {

  private static VllmArchitectureRegistry registry;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        VllmArchitectureRegistryTest.class
            .getClassLoader()
            .getResourceAsStream(VllmArchitectureRegistry.RESOURCE)) {
      registry = VllmArchitectureRegistry.load(in);
    }
  }

  @Test
  void loadsTheBundledVersion() {
    assertEquals("0.14.0", registry.vllmVersion());
    assertEquals(VllmArchitectureRegistry.BUNDLED_VLLM_VERSION, registry.vllmVersion());
    assertTrue(registry.sourceCommit().orElseThrow().startsWith("0002bff0"));
    assertTrue(registry.list().size() >= 60, "only " + registry.list().size());
  }

  @Test
  void knowsTheArchitecturesOfTheFixtureModels() {
    for (String arch :
        List.of(
            "LlamaForCausalLM",
            "MistralForCausalLM",
            "MixtralForCausalLM",
            "Qwen2ForCausalLM",
            "Qwen3ForCausalLM",
            "Qwen3MoeForCausalLM",
            "DeepseekV2ForCausalLM",
            "DeepseekV3ForCausalLM",
            "Phi3ForCausalLM",
            "Gemma2ForCausalLM",
            "Gemma3ForCausalLM",
            "GptOssForCausalLM",
            "LlavaForConditionalGeneration",
            "Qwen2VLForConditionalGeneration",
            "Qwen2_5_VLForConditionalGeneration",
            "BertModel")) {
      assertTrue(registry.isSupported(arch), arch);
    }
  }

  @Test
  void describesTasksRemoteCodeAndQuantizations() {
    VllmArchitecture llama = registry.lookup("LlamaForCausalLM").orElseThrow();
    assertEquals(List.of("generate", "embed"), llama.tasks());
    assertFalse(llama.trustRemoteCode());
    assertTrue(llama.quantizations().containsAll(List.of("awq", "gptq", "fp8")));
    assertEquals("llama", llama.module());

    assertTrue(registry.lookup("DeepseekV3ForCausalLM").orElseThrow().trustRemoteCode());
    assertEquals(List.of("embed"), registry.lookup("BertModel").orElseThrow().tasks());
    assertTrue(
        registry.lookup("GptOssForCausalLM").orElseThrow().quantizations().contains("mxfp4"));
    assertTrue(registry.lookup("LlavaForConditionalGeneration").orElseThrow().multimodal());
    assertEquals(
        List.of("classify", "score"),
        registry.lookup("XLMRobertaForSequenceClassification").orElseThrow().tasks());
  }

  @Test
  void looksUpByExactClassNameOnly() {
    assertFalse(registry.isSupported("llamaforcausallm"));
    assertFalse(registry.isSupported("MyCustomForCausalLM"));
    assertFalse(registry.isSupported(null));
    assertEquals(
        "Qwen2ForCausalLM",
        registry.lookupFirst(List.of("Unknown", "Qwen2ForCausalLM")).orElseThrow().architecture());
  }

  @Test
  void appliesDefaultQuantizationsAndRejectsDuplicates() throws IOException {
    String json =
        """
        {"vllmVersion":"9.9.9","defaultQuantizations":["awq"],
         "architectures":[{"architecture":"A","tasks":["generate"],"quantizations":null},
                          {"architecture":"B","tasks":["embed"],"quantizations":[]}]}
        """;
    VllmArchitectureRegistry r =
        VllmArchitectureRegistry.load(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of("awq"), r.lookup("A").orElseThrow().quantizations());
    assertEquals(List.of(), r.lookup("B").orElseThrow().quantizations());
    String dup =
        "{\"vllmVersion\":\"1\",\"architectures\":[{\"architecture\":\"A\"},{\"architecture\":\"A\"}]}";
    assertThrows(
        IllegalArgumentException.class,
        () ->
            VllmArchitectureRegistry.load(
                new ByteArrayInputStream(dup.getBytes(StandardCharsets.UTF_8))));
    assertThrows(IOException.class, () -> VllmArchitectureRegistry.load(null));
  }
}
