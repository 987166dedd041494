package dev.modelmanager.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.testkit.node.NodeRequirement;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The official {@code @huggingface/hub} client (node, vendored by test-kit) reading a location. */
final class OfficialHubClient {
  static final Path MODULE =
      Path.of(
              "..",
              "test-kit",
              "src",
              "test",
              "js",
              "hub-client-check",
              "node_modules",
              "@huggingface",
              "hub",
              "dist",
              "index.mjs")
          .toAbsolutePath()
          .normalize();

  private OfficialHubClient() {}

  /** {@code scanCacheDir(location)} as JSON; skips the test when node or the client is missing. */
  static JsonNode scanCache(Path location) throws Exception {
    // Fails in CI (CI=true), skips with a reason elsewhere; it checks the package folder.
    NodeRequirement.require(MODULE.getParent().getParent());
    Path script = Files.createTempFile("hf-cache-scan", ".mjs");
    try (InputStream in = OfficialHubClient.class.getResourceAsStream("/hf-cache-scan.mjs")) {
      Files.write(script, in.readAllBytes());
    }
    Process p;
    try {
      p =
          new ProcessBuilder("node", script.toString(), MODULE.toString(), location.toString())
              .redirectErrorStream(true)
              .start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("node could not be started", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("scanCacheDir failed: " + out);
    }
    return new ObjectMapper().readTree(out.substring(out.indexOf('{')));
  }
}
