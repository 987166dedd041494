package dev.modelmanager.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/base/monitoring/prometheus-rules.yaml through promtool (Debian's prometheus package,
 * unpacked, no daemon): the rules are valid and each alert's unit tests in tests/ pass.
 */
class AlertRulesTest {

  private static Path workDir;
  private static String promtool;

  @BeforeAll
  static void extractRules() throws IOException {
    Path monitoring = RepoTree.deploy().resolve("base/monitoring");
    workDir = RepoTree.scratch("promtool");
    // promtool reads plain rule files: the PrometheusRule's spec is exactly one.
    JsonNode rule = Kustomize.YAML.readTree(monitoring.resolve("prometheus-rules.yaml").toFile());
    Kustomize.YAML.writeValue(workDir.resolve("rules.yaml").toFile(), rule.path("spec"));
    RepoTree.copyTree(monitoring.resolve("tests"), workDir, p -> p.toString().endsWith(".yaml"));
    promtool = Commands.tool("promtool");
  }

  @Test
  void rulesAreValid() {
    Commands.Result result = Commands.run(workDir, promtool, "check", "rules", "rules.yaml");

    assertThat(result.ok()).as(result.output()).isTrue();
  }

  @Test
  void everyAlertFiresAndStaysQuietAsItsUnitTestsExpect() throws IOException {
    List<String> tests = testFiles();
    List<String> command = new ArrayList<>(List.of(promtool, "test", "rules"));
    command.addAll(tests);

    Commands.Result result = Commands.run(workDir, command.toArray(String[]::new));

    assertThat(result.ok()).as(result.output()).isTrue();
  }

  @Test
  void everyAlertHasAUnitTest() throws IOException {
    StringBuilder tested = new StringBuilder();
    for (String file : testFiles()) {
      tested.append(Files.readString(workDir.resolve(file)));
    }

    for (String alert : alertNames()) {
      assertThat(tested.toString())
          .as("a unit test for " + alert)
          .contains("alertname: " + alert + "\n");
    }
  }

  @Test
  void everyAlertSaysHowBadItIsAndWhereTheRunbookIs() throws IOException {
    JsonNode spec = Kustomize.YAML.readTree(workDir.resolve("rules.yaml").toFile());
    String runbook = Files.readString(RepoTree.root().resolve("docs/operations.md"));

    for (JsonNode group : spec.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.has("alert")) {
          assertThat(rule.at("/labels/severity").asText()).isIn("warning", "critical");
          String anchor = rule.at("/annotations/runbook_url").asText();
          assertThat(anchor).startsWith("docs/operations.md#");
          assertThat(runbook.toLowerCase())
              .contains("### " + anchor.substring(anchor.indexOf('#') + 1));
        }
      }
    }
  }

  static List<String> alertNames() throws IOException {
    JsonNode rule =
        Kustomize.YAML.readTree(
            RepoTree.deploy().resolve("base/monitoring/prometheus-rules.yaml").toFile());
    List<String> names = new ArrayList<>();
    rule.at("/spec/groups")
        .forEach(
            g ->
                g.path("rules")
                    .forEach(
                        r -> {
                          if (r.has("alert")) {
                            names.add(r.path("alert").asText());
                          }
                        }));
    return names;
  }

  private static List<String> testFiles() throws IOException {
    try (var files = Files.list(workDir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith("-test.yaml"))
          .sorted()
          .toList();
    }
  }
}
