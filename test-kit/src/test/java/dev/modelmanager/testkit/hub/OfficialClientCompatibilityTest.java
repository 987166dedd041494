package dev.modelmanager.testkit.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelmanager.testkit.node.NodeRequirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Proves the fake hub faithful by driving the official {@code @huggingface/hub} npm client against
 * it (src/test/js/hub-client-check, installed by the build with {@code npm ci}).
 */
class OfficialClientCompatibilityTest {

  private static final Path CLIENT_DIR =
      Path.of(System.getProperty("basedir", "."), "src/test/js/hub-client-check");

  @Test
  void officialClientListsDownloadsAndReadsModelInfo() throws Exception {
    NodeRequirement.require(CLIENT_DIR.resolve("node_modules/@huggingface/hub"));
    HubRepo tiny = checkedRepo();
    try (FakeHub hub = new FakeHub().start()) {
      hub.addRepo(tiny).addRepo(TestRepos.gated()).addRepo(TestRepos.privateRepo());
      hub.addRepo(HubRepo.builder("mm-check/other").textFile("config.json", "{}").build());
      // Small pages make the client follow the Link headers of the tree and the model list.
      hub.treePageSize(3).modelsPageSize(1);

      ClientRun run = runCheck(hub);

      assertEquals(0, run.exitCode(), run.output());
      assertTrue(run.output().contains("ALL OK"), run.output());
      assertEveryFileDownloadedIntact(run, tiny);
      assertTrue(run.output().contains("OK listFiles 7 entries"), run.output());
      assertTrue(run.output().contains("\"sha\":\"" + tiny.main().sha() + "\""), run.output());
      assertTrue(run.output().contains("\"total\":223552"), run.output());
      assertTrue(
          run.output().contains("OK listModels mm-check/other,mm-check/tiny-llama"), run.output());
      assertTrue(run.output().contains("OK gated refused 403"), run.output());
      assertTrue(run.output().contains("OK gated download with token"), run.output());
      assertTrue(
          run.output()
              .contains(
                  "OK listCommits 3 "
                      + tiny.main().sha()
                      + " Upload the weights|Add config.json|initial commit"),
          run.output());
      assertTrue(hub.count("/cdn/") >= 3, "LFS files came through the CDN");
      assertTrue(
          hub.requests().stream()
              .anyMatch(r -> r.path().startsWith("/api/models/mm-check/tiny-llama/revision/HEAD")));
    }
  }

  /** A tiny model whose 10 MiB tokenizer.json is LFS by the size rule and goes through the CDN. */
  private static HubRepo checkedRepo() {
    byte[] tokenizer = new byte[(10 << 20) + 7];
    for (int i = 0; i < tokenizer.length; i++) {
      tokenizer[i] = (byte) (i * 31 + (i >> 12));
    }
    return HubRepo.builder("mm-check/tiny-llama")
        .generatedModel(HubHttp.demoResource("mm-demo__tiny-llama.json"), 2)
        .file("tokenizer.json", tokenizer)
        .textFile("original/params.json", "{\"dim\": 64}")
        .downloads(42)
        .likes(7)
        .commit("Upload the weights", "mm-check", java.time.Instant.parse("2025-02-01T12:00:00Z"))
        .history("Add config.json", "mm-check", java.time.Instant.parse("2025-01-20T08:30:00Z"))
        .build();
  }

  /** The script prints path, size and sha256 of every download after checking them itself. */
  private static void assertEveryFileDownloadedIntact(ClientRun run, HubRepo repo) {
    for (var file : repo.main().files().entrySet()) {
      String line =
          "OK downloadFile "
              + file.getKey()
              + " "
              + file.getValue().size()
              + " "
              + file.getValue().sha256();
      assertTrue(run.output().contains(line), line + " in\n" + run.output());
    }
  }

  private static ClientRun runCheck(FakeHub hub) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(List.of("node", "check.mjs"))
            .directory(CLIENT_DIR.toFile())
            .redirectErrorStream(true);
    builder.environment().put("HF_ENDPOINT", hub.url());
    builder.environment().put("CHECK_REPO", "mm-check/tiny-llama");
    builder.environment().put("CHECK_GATED_REPO", TestRepos.GATED);
    builder.environment().put("CHECK_GATED_TOKEN", TestRepos.GATED_TOKEN);
    builder.environment().remove("HF_TOKEN");
    Path log = Files.createTempFile("hub-client-check", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        return new ClientRun(-1, "timed out after 60 s\n" + Files.readString(log));
      }
      return new ClientRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private record ClientRun(int exitCode, String output) {}
}
