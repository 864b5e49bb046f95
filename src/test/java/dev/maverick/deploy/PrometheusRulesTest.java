package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maverick.testing.ExternalTools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks and unit-tests deploy/prometheus with the real promtool. */
class PrometheusRulesTest {
  static final Path RULES = Path.of("deploy/prometheus/maverick-rules.yaml");

  @Test
  void rulesAreValid() {
    Path promtool = ExternalTools.require("promtool");
    ProcessResult check = ProcessResult.run(List.of(promtool.toString(), "check", "rules", RULES.toString()))
        .assertSuccess();
    assertThat(check.stdout()).contains("SUCCESS: 7 rules found");
  }

  @Test
  void ruleUnitTestsPass() {
    Path promtool = ExternalTools.require("promtool");
    ProcessResult.run(List.of(promtool.toString(), "test", "rules", "deploy/prometheus/rules_test.yaml"))
        .assertSuccess();
  }

  @Test
  void rulesHaveTheAgreedAlertsAndUseOnlyKnownMetrics() {
    List<JsonNode> rules = Yaml.file(RULES).path("groups").findValues("rules").stream()
        .flatMap(group -> java.util.stream.StreamSupport.stream(group.spliterator(), false)).toList();
    assertThat(rules).extracting(rule -> rule.path("alert").asText()).containsExactlyInAnyOrder(
        "EmbeddingSuccessRateLow", "QueueDepthHigh", "ApiQuotaNearlyExhausted", "FewerThanTwoWorkers",
        "MaverickAutomatedActionTaken", "MaverickMetricsUnavailable", "MaverickReconcileErrors");
    for (JsonNode rule : rules) {
      assertThat(PromQl.metricNames(rule.path("expr").asText()))
          .as("metrics of alert %s", rule.path("alert").asText())
          .isNotEmpty()
          .isSubsetOf(KnownMetrics.ALL);
    }
  }
}
