package dev.modelmanager.testkit.catalog;

import dev.modelmanager.testkit.git.BareRepos;
import dev.modelmanager.testkit.hub.DemoHub;
import dev.modelmanager.testkit.hub.HubRepo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;

/**
 * The demo catalog: approved entries for two demo-hub models (pinned to the demo hub's commits) and
 * a pull request template, committed to a bare repository's {@code main}.
 */
public final class DemoCatalog {
  /** The demo models with an approved entry: entry id → Hugging Face repo. */
  public static final Map<String, String> ENTRIES =
      Map.of("tiny-llama", "mm-demo/tiny-llama", "qwen2-5-0-5b", "Qwen/Qwen2.5-0.5B");

  /** The demo entry whose weights come from weights-service (so deployments mark them in use). */
  public static final String STAGED_ENTRY = "tiny-llama";

  static final String PR_TEMPLATE =
      """
      ## What changes

      <!-- Which model, which configuration, and why. -->

      ## Checklist

      - [ ] The model's license allows our use
      - [ ] The validation report below passes (or each warning is understood)
      - [ ] A reviewer from the platform team approved
      """;

  private DemoCatalog() {}

  /** Creates the bare repository at {@code bare} with the demo entries unless it has a main. */
  public static Path seed(Path bare) {
    BareRepos.create(bare, "main");
    try (Repository repo = BareRepos.open(bare)) {
      if (BareRepos.tip(repo, "main") != null) {
        return bare;
      }
      Map<String, String> files = new LinkedHashMap<>();
      files.put(".github/pull_request_template.md", PR_TEMPLATE);
      files.put(
          "models/README.md",
          "One JSON file per approved model configuration, `<id>.json`; the schema is served at"
              + " `GET /api/v1/catalog/schema`.\n");
      ENTRIES.forEach((id, hf) -> files.put("models/" + id + ".json", seededEntry(id, hf)));
      BareRepos.commitFiles(repo, "refs/heads/main", files, "Start the demo catalog");
      return bare;
    }
  }

  /** The entry to seed: tiny-llama serves weights staged in the local run's "default" location. */
  static String seededEntry(String id, String hfModelId) {
    String json = entry(id, hfModelId, commitOf(hfModelId));
    return id.equals(STAGED_ENTRY)
        ? json.replace("\"source\": \"hf\"", "\"location\": \"default\"")
        : json;
  }

  /** The demo hub's commit of {@code hfModelId}'s main branch. */
  public static String commitOf(String hfModelId) {
    return DemoHub.repos().stream()
        .filter(r -> r.id().equals(hfModelId))
        .findFirst()
        .map(HubRepo::main)
        .orElseThrow(() -> new IllegalArgumentException("not a demo model: " + hfModelId))
        .sha();
  }

  /** A schema-valid entry in the catalog's canonical JSON (2-space, keys sorted, newline). */
  public static String entry(String id, String hfModelId, String revision) {
    return """
        {
          "description": "%s from the demo hub, one L4",
          "displayName": "%s",
          "hfModelId": "%s",
          "id": "%s",
          "license": "apache-2.0",
          "nodeSelector": {
            "nvidia.com/gpu.product": "NVIDIA-L4"
          },
          "resources": {
            "limits": {
              "nvidia.com/gpu": "1"
            },
            "requests": {
              "cpu": "2",
              "memory": "8Gi",
              "nvidia.com/gpu": "1"
            }
          },
          "revision": "%s",
          "runtime": "kserve-vllmserver",
          "servedModelName": "%s",
          "vllm": {
            "dtype": "auto",
            "gpuMemoryUtilization": 0.9,
            "maxModelLen": 4096,
            "tensorParallelSize": 1
          },
          "weights": {
            "source": "hf"
          }
        }
        """
        .formatted(hfModelId, hfModelId, hfModelId, id, revision, id);
  }
}
