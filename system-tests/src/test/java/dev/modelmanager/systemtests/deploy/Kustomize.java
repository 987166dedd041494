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
    return RENDERED.computeIfAbsent(
        overlay, o -> kustomize(RepoTree.root(), "deploy/overlays/" + o));
  }

  /**
   * The Secrets of deploy/overlays/{overlay}/secrets. Their inputs (*.env) are never committed:
   * render a copy in which each is made from its *.env.example, as the runbook tells an operator.
   */
  static List<ObjectNode> renderSecrets(String overlay) {
    return RENDERED.computeIfAbsent(
        overlay + "/secrets",
        key -> {
          try {
            Path copy = RepoTree.scratch("deploy-secrets/" + overlay);
            // A developer's own *.env files (real secrets) stay where they are.
            RepoTree.copyTree(
                RepoTree.deploy().resolve("overlays/" + overlay + "/secrets"),
                copy,
                p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".env.example"));
            materializeEnvFiles(copy);
            generateInternalTokenKeys(copy);
            return kustomize(copy, ".");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static List<ObjectNode> kustomize(Path workDir, String dir) {
    // kubectl (with its built-in kustomize) is part of this machine's image; Debian's own
    // kubernetes-client package is too old (kubectl 1.20) for these kustomizations.
    Commands.Result result = Commands.run(workDir, "kubectl", "kustomize", dir);
    if (!result.ok()) {
      throw new AssertionError("kubectl kustomize " + dir + ":\n" + result.output());
    }
    try {
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

  /** The key pair of Secret mm-internal-token, made with the commands the runbook gives. */
  private static void generateInternalTokenKeys(Path dir) {
    Path key = dir.resolve("internal-token.key.pem");
    if (Files.exists(key)) {
      return;
    }
    for (String[] command :
        List.of(
            new String[] {
              "openssl",
              "genpkey",
              "-algorithm",
              "EC",
              "-pkeyopt",
              "ec_paramgen_curve:P-256",
              "-out",
              "internal-token.key.pem"
            },
            new String[] {
              "openssl",
              "pkey",
              "-in",
              "internal-token.key.pem",
              "-pubout",
              "-out",
              "internal-token.pub.pem"
            })) {
      Commands.Result result = Commands.run(dir, command);
      if (!result.ok()) {
        throw new AssertionError(String.join(" ", command) + ":\n" + result.output());
      }
    }
  }

  private static void materializeEnvFiles(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
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
