package dev.modelmanager.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** docker-compose.yml as Debian's docker-compose reads it, without a Docker engine. */
final class ComposeFile {

  /** The passwords the file requires, set to values that only a render sees. */
  static final Map<String, String> REQUIRED_SETTINGS =
      Map.of("POSTGRES_PASSWORD", "render-only", "KEYCLOAK_ADMIN_PASSWORD", "render-only");

  private ComposeFile() {}

  /** `docker-compose -f docker-compose.yml config {args}` with {@code env} set. */
  static Commands.Result config(Map<String, String> env, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(Commands.tool("docker-compose"), "-f", "docker-compose.yml", "config"));
    command.addAll(List.of(args));
    return Commands.run(RepoTree.root(), env, command.toArray(String[]::new));
  }

  /** The services as docker-compose resolves them (anchors merged, variables filled in). */
  static JsonNode services() throws IOException {
    Commands.Result result = config(REQUIRED_SETTINGS);
    if (!result.ok()) {
      throw new AssertionError(result.output());
    }
    return Kustomize.YAML.readTree(result.output()).path("services");
  }
}
