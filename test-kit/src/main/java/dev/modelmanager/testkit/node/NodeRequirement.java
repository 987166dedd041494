package dev.modelmanager.testkit.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that drive a Node program (the official {@code @huggingface/hub} client) need Node and the
 * program's installed modules. In CI ({@code CI=true}) a missing piece fails the test: a green CI
 * run must have run them. On a developer machine without Node the test is skipped, saying why.
 */
public final class NodeRequirement {
  private NodeRequirement() {}

  /** Fails (CI) or skips (elsewhere) unless {@code node} runs and {@code module} is installed. */
  public static void require(Path module) {
    require(module, inCi());
  }

  static void require(Path module, boolean ci) {
    String missing = missing(module);
    if (missing == null) {
      return;
    }
    if (ci) {
      Assertions.fail(missing + " (CI=true: the official-client tests must run in CI)");
    }
    Assumptions.abort(missing + "; skipped outside CI (install Node 20 and run the build to test)");
  }

  static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static String missing(Path module) {
    if (!nodeRuns()) {
      return "node is not installed or not on the PATH";
    }
    if (!Files.isDirectory(module)) {
      return module + " is not installed (npm ci runs in generate-test-resources)";
    }
    return null;
  }

  private static boolean nodeRuns() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
