package dev.modelmanager.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every metric an alert or a dashboard reads is listed in deploy/base/monitoring/metrics.txt, the
 * one list that is checked against the metrics the running services expose.
 */
class MonitoringMetricNamesTest {

  private static final Path MONITORING = RepoTree.deploy().resolve("base/monitoring");
  private static final List<String> DASHBOARDS =
      List.of("overview", "weights", "deployments", "api", "events");

  @Test
  void everyMetricInRulesAndDashboardsIsListed() throws IOException {
    Set<String> used = new TreeSet<>();
    Set<String> recorded = new TreeSet<>();
    for (JsonNode rule : rules()) {
      used.addAll(PromQl.metricNames(rule.path("expr").asText()));
      if (rule.has("record")) {
        recorded.add(rule.path("record").asText());
      }
    }
    for (String expr : panelExpressions()) {
      used.addAll(PromQl.metricNames(expr));
    }
    used.removeAll(recorded);

    assertThat(listed()).containsAll(used);
    assertThat(used).as("metrics.txt lists no metric that nothing reads").containsAll(listed());
  }

  @Test
  void dashboardsUseTheCurrentSchemaAndThePrometheusDatasourceVariable() throws IOException {
    for (String name : DASHBOARDS) {
      JsonNode dashboard = dashboard(name);
      assertThat(dashboard.path("schemaVersion").asInt()).as(name).isGreaterThanOrEqualTo(39);
      assertThat(dashboard.path("uid").asText()).startsWith("mm-");
      for (JsonNode panel : dashboard.path("panels")) {
        assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${datasource}");
        assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
      }
    }
  }

  @Test
  void readsTheMetricNamesOfAnExpression() {
    String expr =
        "histogram_quantile(0.95, sum by (le, uri) (rate(http_server_requests_seconds_bucket"
            + "{job=\"gateway\",uri=~\"/api.*\"}[$__rate_interval]))) / on (job) group_left up"
            + " > 0 and mm:ratio unless absent(process_cpu_usage offset 5m)";

    assertThat(PromQl.metricNames(expr))
        .containsExactly(
            "http_server_requests_seconds_bucket", "mm:ratio", "process_cpu_usage", "up");
  }

  private static Set<String> listed() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String line : Files.readAllLines(MONITORING.resolve("metrics.txt"))) {
      String name = line.replaceAll("#.*", "").strip();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  private static List<JsonNode> rules() throws IOException {
    JsonNode rule = Kustomize.YAML.readTree(MONITORING.resolve("prometheus-rules.yaml").toFile());
    List<JsonNode> rules = new ArrayList<>();
    rule.at("/spec/groups").forEach(g -> g.path("rules").forEach(rules::add));
    return rules;
  }

  private static List<String> panelExpressions() throws IOException {
    List<String> exprs = new ArrayList<>();
    for (String name : DASHBOARDS) {
      for (JsonNode panel : dashboard(name).path("panels")) {
        panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
      }
    }
    return exprs;
  }

  private static JsonNode dashboard(String name) throws IOException {
    return new ObjectMapper().readTree(MONITORING.resolve("dashboards/" + name + ".json").toFile());
  }
}
