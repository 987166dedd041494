package dev.modelmanager.testkit.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SafetensorsGeneratorTest {

  private static final String LLAMA_31_8B =
      HubHttp.demoResource("meta-llama__Meta-Llama-3.1-8B.json");

  @Test
  void llama31_8bHasTheHubsPublishedParameterCount() {
    GeneratedModel model = SafetensorsGenerator.forConfig(LLAMA_31_8B).shards(4).generate();

    assertEquals(8_030_261_248L, model.parameterCount());
    assertEquals(Map.of("BF16", 8_030_261_248L), model.parametersByDtype());
    // lfs_pointers__Meta-Llama-3.1-8B-Instruct.json: tensor bytes of the real 4 shards.
    assertEquals(16_060_522_496L, model.tensorBytes());
  }

  @Test
  void llama31_8bCountedFromTheServedHeadersMatchesToo() {
    HubRepo repo =
        HubRepo.builder("meta-llama/Llama-3.1-8B").generatedModel(LLAMA_31_8B, 4).build();

    JsonNode safetensors = repo.main().safetensorsSummary().orElseThrow();

    assertEquals(8_030_261_248L, safetensors.path("total").asLong());
    assertEquals(8_030_261_248L, safetensors.path("parameters").path("BF16").asLong());
  }

  @Test
  void shardsAreSparseFilesOfManyGigabytesWithIndex() {
    GeneratedModel model = SafetensorsGenerator.forConfig(LLAMA_31_8B).shards(4).generate();

    assertEquals(
        List.of(
            "model-00001-of-00004.safetensors",
            "model-00002-of-00004.safetensors",
            "model-00003-of-00004.safetensors",
            "model-00004-of-00004.safetensors",
            "model.safetensors.index.json"),
        List.copyOf(model.files().keySet()));
    long shardBytes =
        model.files().entrySet().stream()
            .filter(e -> e.getKey().endsWith(".safetensors"))
            .mapToLong(e -> e.getValue().size())
            .sum();
    // The real shards add 33,880 header bytes; ours differ only in header formatting.
    assertTrue(
        shardBytes - model.tensorBytes() < 100_000,
        "header overhead " + (shardBytes - model.tensorBytes()));
    for (HubFile shard : model.files().values()) {
      assertTrue(shard.size() < 5_000_000_000L, "shard of " + shard.size());
    }
  }

  @Test
  void indexMapsEveryTensorToItsShard() throws Exception {
    GeneratedModel model = SafetensorsGenerator.forConfig(LLAMA_31_8B).shards(4).generate();

    JsonNode index =
        HubHttp.JSON.readTree(model.files().get("model.safetensors.index.json").readAllBytes());

    assertEquals(16_060_522_496L, index.path("metadata").path("total_size").asLong());
    assertEquals(model.tensors().size(), index.path("weight_map").size());
    assertEquals(
        "model-00001-of-00004.safetensors",
        index.path("weight_map").path("model.embed_tokens.weight").asText());
    assertEquals(
        "model-00004-of-00004.safetensors",
        index.path("weight_map").path("lm_head.weight").asText());
    for (String shard : new HashSet<>(asList(index.path("weight_map")))) {
      Set<String> names = new HashSet<>();
      SafetensorsHeader.read(model.files().get(shard)).tensors().forEach(t -> names.add(t.name()));
      index
          .path("weight_map")
          .fields()
          .forEachRemaining(
              e -> assertEquals(e.getValue().asText().equals(shard), names.contains(e.getKey())));
    }
  }

  @Test
  void headerIsValidSafetensors() throws Exception {
    GeneratedModel model = SafetensorsGenerator.forConfig(LLAMA_31_8B).shards(4).generate();
    HubFile shard = model.files().get("model-00002-of-00004.safetensors");

    byte[] prefix = shard.read(0, 8);
    long headerLength = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String json = new String(shard.read(8, (int) headerLength), StandardCharsets.UTF_8);
    SafetensorsHeader header = SafetensorsHeader.read(shard);

    assertEquals(0, headerLength % 8, "header padded to 8 bytes");
    assertTrue(
        json.startsWith("{\"__metadata__\":{\"format\":\"pt\"},\"model.layers."),
        json.substring(0, 80));
    assertEquals(Map.of("format", "pt"), header.metadata());
    long end = 0;
    for (JsonNode tensor : iterable(HubHttp.JSON.readTree(json.trim()))) {
      if (!tensor.has("data_offsets")) {
        continue;
      }
      assertEquals(end, tensor.path("data_offsets").get(0).asLong(), "offsets are contiguous");
      end = tensor.path("data_offsets").get(1).asLong();
    }
    assertEquals(shard.size(), 8 + headerLength + end, "the buffer fills the file exactly");
  }

  @Test
  void layerTensorsHaveTheLlamaNamesAndShapes() {
    List<TensorSpec> tensors =
        SafetensorsGenerator.tensorsFor(HubHttp.JSON.valueToTree(parse(LLAMA_31_8B)), "BF16");

    assertEquals(TensorSpec.of("model.embed_tokens.weight", "BF16", 128256, 4096), tensors.get(0));
    assertTrue(
        tensors.contains(
            TensorSpec.of("model.layers.31.self_attn.k_proj.weight", "BF16", 1024, 4096)));
    assertTrue(
        tensors.contains(
            TensorSpec.of("model.layers.0.self_attn.o_proj.weight", "BF16", 4096, 4096)));
    assertTrue(
        tensors.contains(
            TensorSpec.of("model.layers.7.mlp.down_proj.weight", "BF16", 4096, 14336)));
    assertTrue(
        tensors.contains(
            TensorSpec.of("model.layers.7.post_attention_layernorm.weight", "BF16", 4096)));
    assertEquals(
        TensorSpec.of("lm_head.weight", "BF16", 128256, 4096), tensors.get(tensors.size() - 1));
    assertEquals(2 + 32 * 9 + 1, tensors.size());
  }

  @Test
  void tiedEmbeddingsHaveNoLmHeadAndQwenHasBiases() {
    GeneratedModel qwen =
        SafetensorsGenerator.forConfig(HubHttp.demoResource("Qwen__Qwen2.5-0.5B.json")).generate();

    assertEquals(494_032_768L, qwen.parameterCount(), "Qwen2.5-0.5B on the Hub");
    assertFalse(qwen.tensors().stream().anyMatch(t -> t.name().equals("lm_head.weight")));
    assertTrue(
        qwen.tensors().stream()
            .anyMatch(t -> t.name().equals("model.layers.0.self_attn.q_proj.bias")));
    assertEquals(
        List.of("model.safetensors"), List.copyOf(qwen.files().keySet()), "one shard, no index");
  }

  @Test
  void mixtralExpertsAddUpToThePublishedCount() {
    GeneratedModel mixtral =
        SafetensorsGenerator.forConfig(HubHttp.demoResource("mistralai__Mixtral-8x7B-v0.1.json"))
            .shards(19)
            .generate();

    assertEquals(46_702_792_704L, mixtral.parameterCount());
    assertEquals(20, mixtral.files().size());
  }

  @Test
  void dtypeOverrideAndMaxShardSize() {
    GeneratedModel model =
        SafetensorsGenerator.forConfig(LLAMA_31_8B)
            .dtype("F32")
            .maxShardSize(5_000_000_000L)
            .generate();

    assertEquals(Map.of("F32", 8_030_261_248L), model.parametersByDtype());
    assertEquals(32_121_044_992L, model.tensorBytes());
    assertEquals(
        7, model.files().keySet().stream().filter(n -> n.endsWith(".safetensors")).count());
  }

  @Test
  void bodiesAreDeterministicPerFileAndReadableAtAnyOffset() {
    GeneratedModel first = SafetensorsGenerator.forConfig(LLAMA_31_8B).shards(4).generate();
    GeneratedModel second = SafetensorsGenerator.forConfig(LLAMA_31_8B).shards(4).generate();
    HubFile shard = first.files().get("model-00003-of-00004.safetensors");
    long far = shard.size() - 100_000;

    assertArrayEquals(
        shard.read(far, 4096),
        second.files().get("model-00003-of-00004.safetensors").read(far, 4096));
    assertFalse(
        Arrays.equals(
            shard.read(far, 64),
            first.files().get("model-00002-of-00004.safetensors").read(far, 64)));
    byte[] window = shard.read(far, 200_000);
    assertEquals(100_000, window.length, "reads stop at the end of the file");
    assertArrayEquals(Arrays.copyOfRange(window, 70_000, 70_100), shard.read(far + 70_000, 100));
  }

  @Test
  void smallModelsCanBeWrittenToDisk(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    GeneratedModel tiny =
        SafetensorsGenerator.forConfig(HubHttp.demoResource("mm-demo__tiny-llama.json"))
            .shards(2)
            .generate();

    tiny.writeTo(dir);

    HubFile written = HubFile.ofPath(dir.resolve("model-00001-of-00002.safetensors"));
    assertEquals(tiny.files().get("model-00001-of-00002.safetensors").sha256(), written.sha256());
    assertEquals(223_552L, tiny.parameterCount());
  }

  private static Object parse(String json) {
    try {
      return HubHttp.JSON.readValue(json, Object.class);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> asList(JsonNode object) {
    List<String> values = new java.util.ArrayList<>();
    object.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static Iterable<JsonNode> iterable(JsonNode node) {
    return node::elements;
  }
}
