package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in demo set served by {@link FakeHub#main} without {@code --root}: a few models with
 * real configs (copied into {@code hub-demo/} from the shared fixtures) and generated weights.
 */
public final class DemoHub {

  private static final String MANIFEST = "hub-demo/demo.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoHub() {}

  /** The demo repositories, built from {@code hub-demo/demo.json} on the classpath. */
  public static List<HubRepo> repos() {
    JsonNode manifest;
    try {
      manifest = JSON.readTree(resource(MANIFEST));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<HubRepo> repos = new ArrayList<>();
    for (JsonNode entry : manifest.path("repos")) {
      repos.add(repo(entry));
    }
    return repos;
  }

  private static HubRepo repo(JsonNode entry) {
    String id = entry.path("id").asText();
    String config =
        new String(resource("hub-demo/" + entry.path("config").asText()), StandardCharsets.UTF_8);
    HubRepoBuilder builder = HubRepo.builder(id).textFile("config.json", config);
    builder.textFile("README.md", readme(id, entry.path("cardData"), config));
    RepoMetadata.apply(builder, entry);
    RepoMetadata.generateWeights(builder, entry, config, id);
    return builder.build();
  }

  /**
   * A model card as publishers write them: front matter matching the repo's cardData (the Hub
   * derives one from the other), a summary, the architecture from config.json, how to serve it with
   * vLLM, and the license.
   */
  static String readme(String id, JsonNode cardData, String configJson) {
    JsonNode config;
    try {
      config = JSON.readTree(configJson);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder text = new StringBuilder();
    if (cardData.isObject() && cardData.size() > 0) {
      text.append("---\n");
      cardData
          .fields()
          .forEachRemaining(
              f -> text.append(f.getKey()).append(": ").append(f.getValue()).append('\n'));
      text.append("---\n");
    }
    String name = id.substring(id.indexOf('/') + 1);
    String license = cardData.path("license").asText("see the repository");
    text.append("\n# ")
        .append(name)
        .append("\n\n")
        .append(name)
        .append(" is a ")
        .append(config.path("model_type").asText("transformer"))
        .append(" decoder-only language model published as `")
        .append(id)
        .append("`. This copy is served by the Model Manager demo hub: the `config.json` is the")
        .append(" real one, the weights are generated (sparse safetensors), so it installs and")
        .append(" sizes like the real model but does not produce meaningful text.\n\n")
        .append("## Model details\n\n")
        .append("| | |\n|---|---|\n")
        .append("| Architecture | `")
        .append(config.path("architectures").path(0).asText("unknown"))
        .append("` |\n| Layers | ")
        .append(config.path("num_hidden_layers").asText("?"))
        .append(" |\n| Hidden size | ")
        .append(config.path("hidden_size").asText("?"))
        .append(" |\n| Context length | ")
        .append(config.path("max_position_embeddings").asText("?"))
        .append(" tokens |\n| Weights dtype | ")
        .append(config.path("torch_dtype").asText("?"))
        .append(" |\n| License | ")
        .append(license)
        .append(" |\n\n")
        .append("## Use with vLLM\n\n")
        .append("```bash\nvllm serve ")
        .append(id)
        .append(" --max-model-len ")
        .append(Math.min(config.path("max_position_embeddings").asInt(4096), 8192))
        .append("\n```\n\n")
        .append("Then query the OpenAI-compatible API:\n\n")
        .append("```bash\ncurl http://localhost:8000/v1/completions \\\n")
        .append("  -H 'Content-Type: application/json' \\\n")
        .append("  -d '{\"model\": \"")
        .append(id)
        .append("\", \"prompt\": \"Hello\", \"max_tokens\": 16}'\n```\n\n")
        .append("## Limitations\n\n")
        .append("- Demo weights: every tensor has the right shape and dtype, not trained values.\n")
        .append("- Read the [original model card](https://huggingface.co/")
        .append(id)
        .append(") for intended use, evaluation and safety notes.\n");
    return text.toString();
  }

  private static byte[] resource(String name) {
    try (InputStream in = DemoHub.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
