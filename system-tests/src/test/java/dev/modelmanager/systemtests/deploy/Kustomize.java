package dev.modelmanager.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Renders an overlay of deploy/ with `kubectl kustomize`, the way an operator would. */
final class Kustomize {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

  private Kustomize() {}

  /** Every object of deploy/overlays/{overlay}, rendered once per test run. */
  static List<ObjectNode> render(String overlay) {
    return RENDERED.computeIfAbsent(overlay, Kustomize::renderFresh);
  }

  private static List<ObjectNode> renderFresh(String overlay) {
    try {
      // The secretGenerator inputs (*.env) are never committed: render a copy in which each is
      // made from its *.env.example, as the runbook tells an operator to do.
      Path copy = RepoTree.scratch("deploy-render/" + overlay).resolve("deploy");
      // A developer's own *.env files (real secrets) stay where they are.
      RepoTree.copyTree(RepoTree.deploy(), copy, p -> !p.toString().endsWith(".env"));
      materializeEnvFiles(copy);
      Commands.Result result = Commands.run(copy, "kubectl", "kustomize", "overlays/" + overlay);
      if (!result.ok()) {
        throw new AssertionError("kubectl kustomize overlays/" + overlay + ":\n" + result.output());
      }
      return parseAll(result.output());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<ObjectNode> parseAll(String yaml) throws IOException {
    List<ObjectNode> objects = new ArrayList<>();
    try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
      while (values.hasNext()) {
        JsonNode node = values.next();
        if (node instanceof ObjectNode object) {
          objects.add(object);
        }
      }
    }
    return objects;
  }

  private static void materializeEnvFiles(Path deploy) throws IOException {
    try (Stream<Path> paths = Files.walk(deploy)) {
      for (Path example : paths.filter(p -> p.toString().endsWith(".env.example")).toList()) {
        String name = example.getFileName().toString();
        Path env = example.resolveSibling(name.substring(0, name.length() - ".example".length()));
        if (!Files.exists(env)) {
          Files.copy(example, env);
        }
      }
    }
  }
}
