package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maverick.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PrometheusRule and ServiceMonitor the chart renders are valid against the Prometheus
 * Operator's own schemas (npm @kubernetes-models/prometheus-operator, installed by
 * scripts/install-test-tools.sh into .tools/npm).
 */
class PrometheusOperatorSchemaTest {
  static final String VALIDATOR = "src/test/resources/dev/maverick/deploy/validate-prometheus-operator.mjs";
  static Path node;
  static Path models;

  @BeforeAll
  static void findTools() {
    HelmChartTest.findHelm();
    node = ExternalTools.require("node");
    models = ExternalTools.requireNpmPackages("@kubernetes-models/prometheus-operator");
  }

  static ProcessResult validate(List<JsonNode> objects) throws Exception {
    Path input = Files.createTempFile("prometheus-operator-objects", ".json");
    try {
      Files.writeString(input, new ObjectMapper().writeValueAsString(objects));
      return ProcessResult.run(List.of("sh", "-c", "\"$0\" \"$1\" \"$2\" < \"$3\"", node.toString(), VALIDATOR,
          models.toAbsolutePath().toString(), input.toString()), Map.of());
    } finally {
      Files.delete(input);
    }
  }

  @Test
  void renderedPrometheusRuleAndServiceMonitorMatchThePrometheusOperatorSchemas() throws Exception {
    List<JsonNode> documents = HelmChartTest.render("--set", "prometheusRule.enabled=true",
        "--set", "serviceMonitor.enabled=true", "--set", "prometheusRule.labels.release=kube-prometheus-stack");
    List<JsonNode> objects = new ArrayList<>(HelmChartTest.ofKind(documents, "PrometheusRule"));
    objects.addAll(HelmChartTest.ofKind(documents, "ServiceMonitor"));
    assertThat(objects).hasSize(2);

    ProcessResult result = validate(objects);
    assertThat(result.exitCode()).as("%s%s", result.stdout(), result.stderr()).isZero();
    assertThat(result.stdout()).contains("PrometheusRule/maverick-operator: valid", "ServiceMonitor/maverick-operator: valid");
  }

  @Test
  void theValidatorRejectsWhatThePrometheusOperatorWouldReject() throws Exception {
    ObjectNode monitor = (ObjectNode) HelmChartTest.ofKind(HelmChartTest.render("--set", "serviceMonitor.enabled=true"),
        "ServiceMonitor").get(0).deepCopy();
    ((ObjectNode) monitor.at("/spec/endpoints/0")).put("interval", "thirty seconds");

    ProcessResult result = validate(List.of(monitor));
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).contains("ServiceMonitor/maverick-operator: data/spec/endpoints/0/interval must match pattern");
  }
}
