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
    builder.textFile("README.md", readme(id, entry.path("cardData")));
    RepoMetadata.apply(builder, entry);
    RepoMetadata.generateWeights(builder, entry, config, id);
    return builder.build();
  }

  /** A model card whose front matter matches the repo's cardData, like the Hub derives it. */
  private static String readme(String id, JsonNode cardData) {
    StringBuilder text = new StringBuilder();
    if (cardData.isObject() && cardData.size() > 0) {
      text.append("---\n");
      cardData
          .fields()
          .forEachRemaining(
              f -> text.append(f.getKey()).append(": ").append(f.getValue()).append('\n'));
      text.append("---\n");
    }
    return text.append("\n# ")
        .append(id)
        .append(
            "\n\nDemo model of the Model Manager fake hub: "
                + "the config is real, the weights are generated.\n")
        .toString();
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
