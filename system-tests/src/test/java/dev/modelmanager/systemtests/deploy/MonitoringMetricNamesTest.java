package dev.modelmanager.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every metric an alert or a dashboard reads is listed in deploy/base/monitoring/metrics.txt, the
 * one list that is checked against the metrics the running services expose.
 */
class MonitoringMetricNamesTest {

  private static final List<String> DASHBOARDS = MonitoredMetrics.DASHBOARDS;

  @Test
  void everyMetricInRulesAndDashboardsIsListed() throws IOException {
    Set<String> used = new TreeSet<>(MonitoredMetrics.read());
    used.removeAll(MonitoredMetrics.recorded());

    assertThat(MonitoredMetrics.listed()).containsAll(used);
    assertThat(used)
        .as("metrics.txt lists no metric that nothing reads")
        .containsAll(MonitoredMetrics.listed());
  }

  @Test
  void readsTheSeriesNamesOfAnExposition() {
    String text =
        "# HELP mm_outbox_pending_events Outbox rows\n"
            + "# TYPE mm_outbox_pending_events gauge\n"
            + "mm_outbox_pending_events 0.0\n"
            + "http_server_requests_seconds_bucket{uri=\"/x\",le=\"0.005\"} 1.0\n"
            + "\n";
    assertThat(MonitoredMetrics.exposed(text))
        .containsExactly("http_server_requests_seconds_bucket", "mm_outbox_pending_events");
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

  private static JsonNode dashboard(String name) throws IOException {
    return MonitoredMetrics.dashboard(name);
  }
}
