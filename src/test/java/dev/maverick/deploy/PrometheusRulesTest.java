package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maverick.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules as the chart renders them (a PrometheusRule's spec.groups), checked and
 * unit-tested with the real promtool; deploy/prometheus/maverick-rules.yaml is their source.
 */
class PrometheusRulesTest {
  static final Path RULES = Path.of("deploy/prometheus/maverick-rules.yaml");
  static final Path RULE_TESTS = Path.of("deploy/prometheus/rules_test.yaml");
  static final Path RUNBOOKS = Path.of("docs/runbooks.md");
  static final String RUNBOOK_URL = "https://github.com/maverick-dev/maverick-operator/blob/main/docs/runbooks.md#";

  @BeforeAll
  static void findHelm() {
    HelmChartTest.findHelm();
  }

  static JsonNode renderedRule() {
    List<JsonNode> rules = HelmChartTest.ofKind(HelmChartTest.render("--set", "prometheusRule.enabled=true"),
        "PrometheusRule");
    assertThat(rules).hasSize(1);
    return rules.get(0);
  }

  /** The rendered rule's groups as a rules file, next to a copy of the unit tests that load it. */
  static Path renderedRulesFile(Path dir) throws IOException {
    Path rules = dir.resolve(RULES.getFileName());
    Files.writeString(rules, Yaml.MAPPER.writeValueAsString(renderedRule().path("spec")));
    Files.copy(RULE_TESTS, dir.resolve(RULE_TESTS.getFileName()));
    return rules;
  }

  @Test
  void renderedRulesAreValid(@TempDir Path dir) throws IOException {
    Path promtool = ExternalTools.require("promtool");
    ProcessResult check = ProcessResult.run(List.of(promtool.toString(), "check", "rules",
        renderedRulesFile(dir).toString())).assertSuccess();
    assertThat(check.stdout()).contains("SUCCESS: 10 rules found");
  }

  @Test
  void ruleUnitTestsPassOnTheRenderedRules(@TempDir Path dir) throws IOException {
    Path promtool = ExternalTools.require("promtool");
    renderedRulesFile(dir);
    ProcessResult.run(List.of(promtool.toString(), "test", "rules",
        dir.resolve(RULE_TESTS.getFileName()).toString())).assertSuccess();
  }

  @Test
  void theRenderedRulesAreTheSourceFile() {
    assertThat(renderedRule().path("spec")).isEqualTo(Yaml.file(RULES));
  }

  @Test
  void rulesHaveTheAgreedAlertsAndUseOnlyKnownMetrics() {
    List<JsonNode> rules = rules();
    assertThat(rules).extracting(rule -> rule.path("alert").asText()).containsExactlyInAnyOrder(
        "EmbeddingSuccessRateLow", "QueueDepthHigh", "ApiQuotaNearlyExhausted", "FewerThanTwoWorkers",
        "MaverickAutomatedActionTaken", "MaverickMetricsUnavailable", "MaverickReconcileErrors",
        "MaverickOperatorDown", "MaverickNoLeader", "MaverickPrometheusUnreachable");
    for (JsonNode rule : rules) {
      assertThat(PromQl.metricNames(rule.path("expr").asText()))
          .as("metrics of alert %s", rule.path("alert").asText())
          .isNotEmpty()
          .isSubsetOf(KnownMetrics.ALL);
    }
  }

  @Test
  void everyAlertLinksToItsSectionOfTheRunbooks() throws IOException {
    Set<String> anchors = headingAnchors(Files.readString(RUNBOOKS));
    for (JsonNode rule : rules()) {
      String alert = rule.path("alert").asText();
      String url = rule.at("/annotations/runbook_url").asText();
      assertThat(url).as("runbook_url of %s", alert).isEqualTo(RUNBOOK_URL + alert.toLowerCase());
      assertThat(anchors).as("sections of %s", RUNBOOKS).contains(alert.toLowerCase());
    }
  }

  private static List<JsonNode> rules() {
    return Yaml.file(RULES).path("groups").findValues("rules").stream()
        .flatMap(group -> StreamSupport.stream(group.spliterator(), false)).toList();
  }

  /** GitHub's anchors of the markdown headings: lower case, spaces to dashes, punctuation dropped. */
  private static Set<String> headingAnchors(String markdown) {
    Matcher heading = Pattern.compile("(?m)^#+ (.+)$").matcher(markdown);
    return heading.results().map(m -> m.group(1).trim().toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-'))
        .collect(Collectors.toSet());
  }
}
