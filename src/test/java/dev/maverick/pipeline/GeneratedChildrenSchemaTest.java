package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.integrations.ScaledObject;
import dev.maverick.testing.ExternalTools;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every child the ecosystem example generates validates against the real schemas: the Kubernetes
 * OpenAPI (npm kubernetes-models: Ingress, NetworkPolicy and the core kinds), KEDA's CRDs
 * (@kubernetes-models/keda) and the Prometheus Operator's (@kubernetes-models/prometheus-operator).
 * These packages ship validators generated from those schemas rather than JSON schema files, so
 * the test runs them with node. The OpenFeature FeatureFlag has no published schema package; its
 * flags are checked against flagd's schema in FlagdSchemaTest-style by FeatureFlagFlagsSchemaTest.
 */
class GeneratedChildrenSchemaTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void everyGeneratedChildValidatesAgainstItsProjectsSchema() throws Exception {
    List<HasMetadata> children = new ArrayList<>(PipelineChildren.desired(EcosystemExample.model(EcosystemExample.pipeline())));
    children.addAll(PipelineChildren.desired(EcosystemExample.model(EcosystemExample.pipeline(), Optional.of(0))).stream()
        .filter(c -> c instanceof ScaledObject).peek(c -> c.getMetadata().setName("paused")).toList());
    children.addAll(PipelineChildren.desired(EcosystemExample.model(EcosystemExample.pipeline(), Optional.empty(),
        EcosystemExample.policyWithTlsAndBasicAuth(true))).stream()
        .filter(c -> c instanceof ScaledObject || c.getKind().equals("TriggerAuthentication"))
        .peek(c -> c.getMetadata().setName("mtls")).toList());
    children.removeIf(c -> c.getKind().equals("FeatureFlag"));

    List<String> results = validate(children);

    assertThat(results).extracting(line -> line.substring(0, line.indexOf('/'))).contains(
        "Ingress", "NetworkPolicy", "ScaledObject", "TriggerAuthentication", "ServiceMonitor", "PrometheusRule",
        "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ConfigMap");
    assertThat(results).allSatisfy(line -> assertThat(line).endsWith(": ok"));
  }

  /** The validators do reject what the schemas forbid (here KEDA's string-typed trigger metadata). */
  @Test
  void theValidatorsRejectAnObjectTheSchemaForbids() throws Exception {
    ScaledObject broken = new ScaledObject();
    broken.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("broken").build());
    broken.setAdditionalProperty("spec", Map.of("scaleTargetRef", Map.of("name", "x"),
        "triggers", List.of(Map.of("type", "cpu", "metadata", Map.of("value", 80)))));

    assertThat(validate(List.of(broken))).singleElement().asString()
        .startsWith("ScaledObject/broken:").contains("must be string");
  }

  private static List<String> validate(List<HasMetadata> objects) throws IOException, InterruptedException {
    Path npm = ExternalTools.requireNpmPackages("kubernetes-models", "@kubernetes-models/keda",
        "@kubernetes-models/prometheus-operator");
    Path node = ExternalTools.require("node");
    String script;
    try (InputStream in = GeneratedChildrenSchemaTest.class.getResourceAsStream("/kubernetes-models/validate.mjs")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Process process = new ProcessBuilder(node.toString(), "--input-type=module", "-e", script)
        .directory(npm.toFile()).redirectErrorStream(true).start();
    try (var stdin = process.getOutputStream()) {
      stdin.write(SERIALIZATION.asJson(objects).getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().toList();
  }
}
