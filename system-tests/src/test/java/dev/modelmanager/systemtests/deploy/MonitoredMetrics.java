package dev.modelmanager.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names deploy/base/monitoring reads: those in the PrometheusRule's expressions, in the
 * dashboards' panel queries, and in metrics.txt (the list kept in step with both).
 */
public final class MonitoredMetrics {
  static final Path MONITORING = RepoTree.deploy().resolve("base/monitoring");
  static final List<String> DASHBOARDS =
      List.of("overview", "weights", "deployments", "api", "events");

  private MonitoredMetrics() {}

  /**
   * Every series name an alert or a panel reads, as Prometheus names it (histograms as their {@code
   * _bucket}, {@code _count} or {@code _sum} series), recording rules left out.
   */
  public static Set<String> all() throws IOException {
    Set<String> names = new TreeSet<>(listed());
    names.addAll(read());
    names.removeAll(recorded());
    return names;
  }

  /** The names the rules' expressions and the panels' queries read, recording rules included. */
  static Set<String> read() throws IOException {
    Set<String> used = new TreeSet<>();
    for (JsonNode rule : rules()) {
      used.addAll(PromQl.metricNames(rule.path("expr").asText()));
    }
    for (String expr : panelExpressions()) {
      used.addAll(PromQl.metricNames(expr));
    }
    return used;
  }

  /** The names recording rules define. */
  static Set<String> recorded() throws IOException {
    Set<String> recorded = new TreeSet<>();
    for (JsonNode rule : rules()) {
      if (rule.has("record")) {
        recorded.add(rule.path("record").asText());
      }
    }
    return recorded;
  }

  /** The names in metrics.txt. */
  static Set<String> listed() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String line : Files.readAllLines(MONITORING.resolve("metrics.txt"))) {
      String name = line.replaceAll("#.*", "").strip();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  static List<JsonNode> rules() throws IOException {
    JsonNode rule = Kustomize.YAML.readTree(MONITORING.resolve("prometheus-rules.yaml").toFile());
    List<JsonNode> rules = new ArrayList<>();
    rule.at("/spec/groups").forEach(g -> g.path("rules").forEach(rules::add));
    return rules;
  }

  static List<String> panelExpressions() throws IOException {
    List<String> exprs = new ArrayList<>();
    for (String name : DASHBOARDS) {
      for (JsonNode panel : dashboard(name).path("panels")) {
        panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
      }
    }
    return exprs;
  }

  static JsonNode dashboard(String name) throws IOException {
    return new ObjectMapper().readTree(MONITORING.resolve("dashboards/" + name + ".json").toFile());
  }

  /**
   * The series names in a Prometheus text exposition (format 0.0.4): the name of every sample line.
   */
  public static Set<String> exposed(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = 0;
      while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
        end++;
      }
      names.add(line.substring(0, end));
    }
    return names;
  }
}
