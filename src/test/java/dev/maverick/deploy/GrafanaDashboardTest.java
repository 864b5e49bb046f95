package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maverick.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every PromQL expression of the Grafana dashboard parses and reads only metrics that exist. */
class GrafanaDashboardTest {
  static final Path DASHBOARD = Path.of("deploy/grafana/maverick-dashboard.json");
  static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*[A-Za-z_]+\\)");
  static final Pattern GRAFANA_INTERVALS = Pattern.compile("\\$__(rate_interval|interval|range)");

  static JsonNode dashboard;

  @BeforeAll
  static void load() throws IOException {
    dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
  }

  /** Panel and annotation queries, and the selectors inside label_values() variable queries. */
  static List<String> expressions() {
    List<String> expressions = new ArrayList<>(dashboard.findValuesAsText("expr"));
    for (JsonNode variable : dashboard.at("/templating/list")) {
      String query = variable.at("/query/query").asText(variable.path("query").asText());
      Matcher labelValues = LABEL_VALUES.matcher(query);
      if (labelValues.matches()) {
        expressions.add(labelValues.group(1));
      }
    }
    return expressions;
  }

  @Test
  void everyPanelHasAQuery() {
    for (JsonNode panel : dashboard.path("panels")) {
      if (!panel.path("type").asText().equals("row")) {
        assertThat(panel.path("targets").findValuesAsText("expr")).as(panel.path("title").asText()).isNotEmpty();
      }
    }
  }

  @Test
  void everyExpressionParses() throws IOException {
    Path promtool = ExternalTools.require("promtool");
    StringBuilder rules = new StringBuilder("groups:\n- name: dashboard\n  rules:\n");
    List<String> expressions = expressions();
    for (int i = 0; i < expressions.size(); i++) {
      // Grafana replaces its interval variables before the query reaches Prometheus.
      String expression = GRAFANA_INTERVALS.matcher(expressions.get(i)).replaceAll("5m");
      rules.append("  - record: dashboard:expr").append(i).append('\n')
          .append("    expr: ").append(new ObjectMapper().writeValueAsString(expression)).append('\n');
    }
    Path file = Files.createTempFile("dashboard-rules", ".yaml");
    try {
      Files.writeString(file, rules);
      ProcessResult check = ProcessResult.run(List.of(promtool.toString(), "check", "rules", file.toString()));
      assertThat(check.exitCode()).as("promtool check rules:\n%s%s", check.stdout(), check.stderr()).isZero();
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void everyMetricIsOneTheOperatorOrThePipelineExports() {
    List<String> expressions = expressions();
    assertThat(expressions).hasSizeGreaterThan(20);
    for (String expression : expressions) {
      assertThat(PromQl.metricNames(expression)).as(expression).isNotEmpty().isSubsetOf(KnownMetrics.ALL);
    }
  }

  @Test
  void metricNameExtractionSkipsFunctionsLabelsAndKeywords() {
    assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le, policy) (rate("
        + "maverick_prometheus_query_duration_seconds_bucket{namespace=~\"$namespace\"}[$__rate_interval])))"))
        .containsExactly("maverick_prometheus_query_duration_seconds_bucket");
    assertThat(PromQl.metricNames("sum(rate(a_total{x=\"y (z)\"}[5m] offset 1h)) / on (job) group_left (n) "
        + "b > bool 1e3 unless c"))
        .containsExactly("a_total", "b", "c");
  }
}
