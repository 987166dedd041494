package dev.modelmanager.testkit.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderAndDemoTest {

  @Test
  void loadsRepositoriesFromAFolderWithHubJson(@TempDir Path root) throws Exception {
    writeFolder(root);

    try (FakeHub hub = new FakeHub().addFolder(root).start()) {
      HubHttp http = new HubHttp(hub);
      JsonNode info = http.json("/api/models/acme/tiny");

      assertEquals("0123456789abcdef0123456789abcdef01234567", info.path("sha").asText());
      assertEquals("auto", info.path("gated").asText());
      assertEquals("mit", info.path("cardData").path("license").asText());
      assertEquals(223_552L, info.path("safetensors").path("total").asLong());
      assertEquals(
          List.of(
              "config.json",
              "model-00001-of-00002.safetensors",
              "model-00002-of-00002.safetensors",
              "model.safetensors.index.json",
              "original/params.json"),
          rfilenames(info));
      assertEquals(307, http.get("/api/models/acme/old-tiny").statusCode());
      assertEquals(403, http.get("/acme/tiny/resolve/main/config.json").statusCode());
      assertEquals(
          200,
          http.get("/acme/tiny/resolve/main/config.json", "Authorization", "Bearer hf_x")
              .statusCode());
      assertEquals("# plain", HubHttp.text(http.get("/acme/plain/resolve/main/README.md")));
    }
  }

  @Test
  void demoSetUsesTheRealConfigs() {
    List<HubRepo> repos = DemoHub.repos();

    assertEquals(5, repos.size());
    HubRepo llama =
        repos.stream()
            .filter(r -> r.id().equals("meta-llama/Llama-3.1-8B"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        8_030_261_248L, llama.main().safetensorsSummary().orElseThrow().path("total").asLong());
    assertEquals(Gated.MANUAL, llama.gated());
    assertTrue(llama.renamedFrom().contains("meta-llama/Meta-Llama-3.1-8B"));
    assertTrue(repos.stream().anyMatch(HubRepo::isPrivate));
    assertTrue(llama.main().files().get("README.md").readAllBytes().length > 0);
  }

  @Test
  void demoModelsHaveACardWithFrontMatterDetailsAndVllmUsage() throws Exception {
    HubRepo qwen =
        DemoHub.repos().stream()
            .filter(r -> r.id().equals("Qwen/Qwen2.5-0.5B"))
            .findFirst()
            .orElseThrow();
    String card =
        new String(
            qwen.main().files().get("README.md").readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(card.startsWith("---\n"), card);
    assertTrue(card.contains("\nlicense: \"apache-2.0\"\n"), card);
    assertTrue(card.contains("\n# Qwen2.5-0.5B\n"), card);
    assertTrue(card.contains("| Architecture | `Qwen2ForCausalLM` |"), card);
    assertTrue(card.contains("| Context length | 32768 tokens |"), card);
    assertTrue(card.contains("vllm serve Qwen/Qwen2.5-0.5B --max-model-len 8192"), card);
  }

  @Test
  void commandLineArguments(@TempDir Path root) {
    assertEquals(new HubCommandLine(8090, null), HubCommandLine.parse(new String[0]));
    assertEquals(
        new HubCommandLine(9000, root),
        HubCommandLine.parse(new String[] {"--port", "9000", "--root", root.toString()}));
    assertEquals(new HubCommandLine(0, null), HubCommandLine.parse(new String[] {"--port=0"}));
    assertThrows(
        IllegalArgumentException.class, () -> HubCommandLine.parse(new String[] {"--bogus"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> HubCommandLine.parse(new String[] {"--root", root.resolve("missing").toString()}));
  }

  @Test
  void startsOnAGivenPortAndStopsCleanly() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    FakeHub hub = new FakeHub().start(port);
    assertEquals("http://127.0.0.1:" + port, hub.url());
    assertEquals(200, new HubHttp(hub).get("/api/models").statusCode());
    hub.stop();
    assertThrows(IllegalStateException.class, hub::port);
    assertFalse(new FakeHub().repos().iterator().hasNext());
  }

  /** {@code acme/tiny} with a _hub.json generating its weights, and a plain {@code acme/plain}. */
  private static void writeFolder(Path root) throws java.io.IOException {
    Path repo = Files.createDirectories(root.resolve("acme/tiny/original"));
    Files.writeString(
        repo.getParent().resolve("config.json"), HubHttp.demoResource("mm-demo__tiny-llama.json"));
    Files.writeString(repo.resolve("params.json"), "{}");
    Files.writeString(
        repo.getParent().resolve("_hub.json"),
        "{\"sha\":\"0123456789abcdef0123456789abcdef01234567\","
            + "\"gated\":\"auto\",\"tokens\":[\"hf_x\"],"
            + "\"renamedFrom\":[\"acme/old-tiny\"],\"tags\":[\"llama\"],"
            + "\"cardData\":{\"license\":\"mit\"},"
            + "\"pipeline_tag\":\"text-generation\",\"library_name\":\"transformers\","
            + "\"downloads\":5,\"likes\":2,\"createdAt\":\"2024-05-01T00:00:00Z\","
            + "\"generateSafetensors\":{\"shards\":2}}");
    Files.createDirectories(root.resolve("acme/plain"));
    Files.writeString(root.resolve("acme/plain/README.md"), "# plain");
  }

  private static List<String> rfilenames(JsonNode info) {
    List<String> names = new java.util.ArrayList<>();
    info.path("siblings").forEach(s -> names.add(s.path("rfilename").asText()));
    return names;
  }
}
