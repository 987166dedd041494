package dev.modelmanager.discovery.catalog;

import dev.modelmanager.discovery.domain.TestConfigs;
import dev.modelmanager.kit.hf.WeightFileSelection;
import dev.modelmanager.testkit.hub.DemoHub;
import dev.modelmanager.testkit.hub.FakeHub;
import dev.modelmanager.testkit.hub.HubRepo;
import dev.modelmanager.testkit.hub.HubRepoBuilder;
import dev.modelmanager.testkit.hub.SafetensorsGenerator;
import dev.modelmanager.testkit.hub.SafetensorsHeader;
import dev.modelmanager.testkit.hub.TensorSpec;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fake Hub with the demo repositories plus mistralai/Mistral-7B-Instruct-v0.3 laid out as the
 * real repository is: its config.json, three indexed shards, and the same weights a second time as
 * {@code consolidated.safetensors} (Mistral's own format, which vLLM does not load).
 */
public class RealRepoHubResource implements QuarkusTestResourceLifecycleManager {
  public static final String MISTRAL = "mistralai/Mistral-7B-Instruct-v0.3";
  public static final String SMALL_404 = "mm-test/catalog-not-found";
  public static final String SMALL_SLOW = "mm-test/catalog-slow";

  private FakeHub hub;

  @Override
  public Map<String, String> start() {
    hub = new FakeHub();
    DemoHub.repos().forEach(hub::addRepo);
    hub.addRepo(mistral());
    String tiny = resource("/hub-demo/mm-demo__tiny-llama.json");
    hub.addRepo(HubRepo.builder(SMALL_404).gitattributes().generatedModel(tiny, 1).build());
    hub.addRepo(HubRepo.builder(SMALL_SLOW).gitattributes().generatedModel(tiny, 1).build());
    hub.start();
    return Map.of("mm.hf.endpoint", hub.url());
  }

  @Override
  public void stop() {
    if (hub != null) {
      hub.stop();
    }
  }

  private static HubRepo mistral() {
    String config = resource("/configs/mistralai__Mistral-7B-Instruct-v0.3.json");
    List<TensorSpec> tensors = SafetensorsGenerator.tensorsFor(TestConfigs.parse(config), "BF16");
    int third = (tensors.size() + 2) / 3;
    Map<String, String> weightMap = new TreeMap<>();
    HubRepoBuilder repo = HubRepo.builder(MISTRAL).gitattributes().textFile("config.json", config);
    for (int i = 0; i < 3; i++) {
      List<TensorSpec> shard =
          tensors.subList(i * third, Math.min(tensors.size(), (i + 1) * third));
      String name = String.format("model-%05d-of-00003.safetensors", i + 1);
      repo.file(name, SafetensorsHeader.encode(shard, Map.of("format", "pt")));
      shard.forEach(t -> weightMap.put(t.name(), name));
    }
    StringBuilder index = new StringBuilder("{\"metadata\":{},\"weight_map\":{");
    weightMap.forEach(
        (t, f) -> index.append('"').append(t).append("\":\"").append(f).append("\","));
    index.setCharAt(index.length() - 1, '}');
    index.append('}');
    return repo.textFile(WeightFileSelection.SAFETENSORS_INDEX, index.toString())
        .file("consolidated.safetensors", SafetensorsHeader.encode(tensors, Map.of()))
        .textFile("params.json", "{\"dim\": 4096, \"n_layers\": 32, \"vocab_size\": 32768}")
        .textFile("tokenizer_config.json", "{}")
        .build();
  }

  private static String resource(String path) {
    try (InputStream in = RealRepoHubResource.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
