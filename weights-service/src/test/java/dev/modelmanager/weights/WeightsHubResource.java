package dev.modelmanager.weights;

import dev.modelmanager.testkit.hub.FakeHub;
import dev.modelmanager.testkit.hub.HubFile;
import dev.modelmanager.testkit.hub.HubRepo;
import dev.modelmanager.testkit.hub.HubRepoBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A fake hub in the test JVM serving the weights test repositories, six storage locations in temp
 * folders and short engine timings. Tests reach the hub over HTTP ({@link HubAdmin}) and the
 * folders through {@code modelmanager.test.weights.*} system properties.
 */
public class WeightsHubResource implements QuarkusTestResourceLifecycleManager {
  static final String HUB_URL = "modelmanager.test.weights.hub-url";
  static final String ROOT = "modelmanager.test.weights.root";
  static final long MIB = 1 << 20;
  static final String SMALL_MAIN_SHA = "5ca1ab1e0000000000000000000000000000beef";

  /**
   * The token of the gated test repo. Given as {@code HF_TOKEN} only (as a user sets it), never as
   * {@code mm.hf.token}, so installs prove the documented fallback.
   */
  static final String HF_TOKEN = "hf_weightsGatedTestToken";

  @Override
  public Map<String, String> start() {
    Path root = root();
    Map<String, String> config = new HashMap<>();
    config.put("mm.hf.endpoint", hubUrl());
    config.put("HF_TOKEN", HF_TOKEN);
    config.put("mm.hf.max-retries", "4");
    config.put("mm.hf.initial-backoff", "100ms");
    config.put("mm.hf.max-backoff", "2s");
    config.put("mm.weights.locations[0].name", "main");
    config.put("mm.weights.locations[0].path", root.resolve("main").toString());
    config.put("mm.weights.locations[0].pvc-name", "models-main");
    config.put("mm.weights.locations[1].name", "second");
    config.put("mm.weights.locations[1].path", root.resolve("second").toString());
    config.put("mm.weights.locations[2].name", "tiny");
    config.put("mm.weights.locations[2].path", root.resolve("tiny").toString());
    config.put("mm.weights.locations[2].headroom-bytes", Long.toString(1L << 60));
    config.put("mm.weights.locations[2].warn-percent", "0.0001");
    // One location per gated-install test, so each downloads its own bytes.
    config.put("mm.weights.locations[3].name", "gated");
    config.put("mm.weights.locations[3].path", root.resolve("gated").toString());
    config.put("mm.weights.locations[4].name", "gated-cdn");
    config.put("mm.weights.locations[4].path", root.resolve("gated-cdn").toString());
    config.put("mm.weights.locations[5].name", "holds");
    config.put("mm.weights.locations[5].path", root.resolve("holds").toString());
    config.put("mm.weights.headroom-bytes", Long.toString(16 * MIB));
    config.put("mm.weights.download.min-part-bytes", Long.toString(MIB));
    config.put("mm.weights.download.stall-timeout", "1500ms");
    config.put("mm.weights.download.concurrency", "6");
    config.put("mm.weights.jobs.lease", "3s");
    config.put("mm.weights.jobs.heartbeat", "300ms");
    config.put("mm.weights.jobs.poll-interval", "200ms");
    config.put("mm.weights.jobs.progress-interval", "200ms");
    config.put("mm.weights.jobs.progress-event-interval", "1s");
    config.put("mm.weights.jobs.max-concurrent", "3");
    config.put("mm.sqlite.path", root.resolve("weights.sqlite").toString());
    return config;
  }

  @Override
  public void stop() {}

  /** The temp folder holding the locations, created once per JVM. */
  public static synchronized Path root() {
    String root = System.getProperty(ROOT);
    if (root == null) {
      try {
        root = Files.createTempDirectory("mm-weights-test").toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.setProperty(ROOT, root);
    }
    return Path.of(root);
  }

  /** The shared hub's URL, starting it with the test repositories on first use. */
  public static synchronized String hubUrl() {
    String url = System.getProperty(HUB_URL);
    if (url == null) {
      FakeHub hub = new FakeHub();
      TestRepos.all().forEach(hub::addRepo);
      hub.start();
      url = hub.url();
      System.setProperty(HUB_URL, url);
    }
    return url;
  }

  /** The repositories the weights tests install. */
  public static final class TestRepos {
    private TestRepos() {}

    static java.util.List<HubRepo> all() {
      java.util.List<HubRepo> repos = new java.util.ArrayList<>();
      repos.add(small());
      for (String name :
          new String[] {
            "resume",
            "cancel",
            "stall",
            "ratelimit",
            "corrupt",
            "corrupt-once",
            "purge-a",
            "purge-b",
            "events",
            "kafka",
            "shared",
            "fenced",
            "poison",
            "in-use",
            "in-use-again",
            "disk-full"
          }) {
        repos.add(
            big(
                "mm-test/" + name,
                name.startsWith("purge")
                        || name.startsWith("in-use")
                        || name.equals("events")
                        || name.equals("kafka")
                        || name.equals("disk-full")
                    ? 4 * MIB
                    : 48 * MIB));
      }
      repos.add(
          HubRepo.builder("mm-test/gated")
              .gated(dev.modelmanager.testkit.hub.Gated.MANUAL)
              .tokens(HF_TOKEN)
              .textFile("config.json", "{\"model_type\": \"llama\"}")
              .file("model.safetensors", generated("gated", 3 * MIB))
              .build());
      repos.add(duplicateFormats());
      repos.add(
          HubRepo.builder("mm-test/hostile")
              .textFile("config.json", "{}")
              .textFile("..", "escape")
              .textFile("weights/..", "escape")
              .build());
      return repos;
    }

    /**
     * Two safetensors shards, duplicate formats, small files, and a v2 that changes config only.
     */
    static HubRepo small() {
      HubRepoBuilder b =
          HubRepo.builder("mm-test/small")
              .gitattributes()
              .textFile("config.json", "{\"model_type\": \"llama\", \"hidden_size\": 64}")
              .textFile("tokenizer.json", "{\"version\": \"1.0\"}".repeat(100))
              .textFile("model.safetensors.index.json", "{\"weight_map\": {}}")
              .file("model-00001-of-00002.safetensors", generated("small-1", 12 * MIB))
              .file("model-00002-of-00002.safetensors", generated("small-2", 6 * MIB + 123))
              .file("pytorch_model.bin", generated("small-bin", 3 * MIB))
              .file("original/consolidated.00.pth", generated("small-pth", MIB))
              .textFile("empty.txt", "")
              .sha(SMALL_MAIN_SHA);
      // A tag on the same commit as main: installing it must reuse the installed snapshot.
      b.revision("stable", r -> r.sha(SMALL_MAIN_SHA));
      b.revision(
          "v2", r -> r.textFile("config.json", "{\"model_type\": \"llama\", \"hidden_size\": 65}"));
      return b.build();
    }

    /**
     * Mistral's layout (the real Mixtral config of the shared fixtures, HF shards with their index,
     * Mistral's own {@code consolidated.safetensors} and {@code params.json}) plus Meta's {@code
     * original/} copy and a GGUF quantization: every duplicate format an install skips.
     */
    static HubRepo duplicateFormats() {
      return HubRepo.builder("mm-test/duplicate-formats")
          .file("config.json", resource("hub-demo/mistralai__Mixtral-8x7B-v0.1.json"))
          .textFile(
              "model.safetensors.index.json",
              "{\"metadata\": {}, \"weight_map\": {\"a\": \"model-00001-of-00002.safetensors\","
                  + " \"b\": \"model-00002-of-00002.safetensors\"}}")
          .file("model-00001-of-00002.safetensors", generated("dup-1", 2 * MIB))
          .file("model-00002-of-00002.safetensors", generated("dup-2", MIB + 7))
          .file("consolidated.safetensors", generated("dup-consolidated", 3 * MIB + 7))
          .textFile("params.json", "{\"dim\": 4096}")
          .file("original/consolidated.00.pth", generated("dup-pth", 3 * MIB))
          .textFile("original/params.json", "{\"dim\": 4096}")
          .file("model-Q4_K_M.gguf", generated("dup-gguf", MIB))
          .textFile("README.md", "# duplicate formats\n")
          .build();
    }

    private static byte[] resource(String name) {
      try (var in = WeightsHubResource.class.getClassLoader().getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing classpath resource " + name);
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static HubRepo big(String id, long size) {
      return HubRepo.builder(id)
          .textFile("config.json", "{\"name\": \"" + id + "\"}")
          .file("model.safetensors", generated(id, size))
          .build();
    }

    static HubFile generated(String seed, long size) {
      byte[] prefix =
          ("{\"__metadata__\":{\"seed\":\"" + seed + "\"}}").getBytes(StandardCharsets.UTF_8);
      return HubFile.generated(prefix, size, seed);
    }
  }
}
