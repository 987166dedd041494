package dev.modelmanager.systemtests.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the command-line checkers (kubectl, promtool, docker-compose) and installs the missing. */
final class Commands {

  /** The exit code and the merged stdout/stderr of a finished command. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private Commands() {}

  static Result run(Path workDir, Map<String, String> env, String... command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    try {
      Path log = Files.createTempFile("mm-command", ".log");
      builder.redirectOutput(log.toFile());
      Process process = builder.start();
      // A guard against a hung tool (apt-get on a slow mirror), not a performance limit.
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.delete(log);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Result run(Path workDir, String... command) {
    return run(workDir, Map.of(), command);
  }

  /**
   * The path of promtool or docker-compose, installed from Debian's packages by
   * deploy/tools/ensure-tool.sh when missing.
   */
  static String tool(String name) {
    Path tools = RepoTree.root().resolve("system-tests/target/tools");
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(RepoTree.deploy().resolve("tools/ensure-tool.sh").toString());
    command.add(name);
    command.add(tools.toString());
    Result result = run(RepoTree.root(), command.toArray(String[]::new));
    if (!result.ok()) {
      throw new IllegalStateException("cannot install " + name + ":\n" + result.output());
    }
    String[] lines = result.output().strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
