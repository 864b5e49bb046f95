package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maverick.pipeline.EcosystemExample;
import dev.maverick.pipeline.PrometheusRules;
import dev.maverick.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PrometheusRule {@code <name>-rollout} the operator generates, with the real promtool: its
 * groups are valid rules, and an alert fires with the pipeline's labels when the trigger's
 * condition has held for the trigger's {@code for}.
 */
class RolloutAlertsPromtoolTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theGeneratedRulesPassPromtoolAndFireWhenTheTriggerHolds(@TempDir Path dir) throws Exception {
    Path promtool = ExternalTools.require("promtool");
    var rule = new PrometheusRules().desired(EcosystemExample.model(EcosystemExample.pipeline())).get(0);
    Path rules = dir.resolve("rules.json");
    Files.writeString(rules, JSON.writeValueAsString(rule.getAdditionalProperties().get("spec")));

    ProcessResult check = ProcessResult.run(List.of(promtool.toString(), "check", "rules", rules.toString()))
        .assertSuccess();
    assertThat(check.stdout()).contains("SUCCESS: 2 rules found");

    Map<String, Object> unitTest = Map.of(
        "rule_files", List.of(rules.toString()),
        "evaluation_interval", "1m",
        "tests", List.of(Map.of(
            "interval", "1m",
            "input_series", List.of(Map.of(
                "series", "embedding_api_errors_total{pipeline=\"paperless-maverick\",namespace=\"paperless-maverick\"}",
                "values", "0+600x20")),
            "alert_rule_test", List.of(
                Map.of("eval_time", "4m", "alertname", "MaverickRolloutTrigger", "exp_alerts", List.of()),
                Map.of("eval_time", "12m", "alertname", "MaverickRolloutTrigger", "exp_alerts", List.of(Map.of(
                    "exp_labels", Map.of("pipeline", "paperless-maverick", "trigger", "embeddingApiDown",
                        "severity", "warning"),
                    "exp_annotations", Map.of(
                        "summary", "Rollout trigger embeddingApiDown of EmbeddingPipeline"
                            + " paperless-maverick/paperless-maverick is breaching",
                        "description", "The query has been > 5 for 5m (value: 10); maverick-operator takes the"
                            + " trigger's actions: [ScaleWorkers]."))))))));
    Path testFile = dir.resolve("rules_test.json");
    Files.writeString(testFile, JSON.writeValueAsString(unitTest));

    ProcessResult.run(List.of(promtool.toString(), "test", "rules", testFile.toString())).assertSuccess();
  }
}
