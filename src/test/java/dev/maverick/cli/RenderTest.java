package dev.maverick.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.testing.Fixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int render(String... args) {
    return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void printsEveryChildOfThePipeline(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pipeline.yaml");
    Files.writeString(file, Fixtures.PAPERLESS_PIPELINE);

    assertThat(render("render", "-f", file.toString())).isZero();

    List<HasMetadata> children = parse(out.toString(StandardCharsets.UTF_8));
    assertThat(children).extracting(c -> c.getKind() + "/" + c.getMetadata().getName()).containsExactly(
        "ConfigMap/paperless-maverick-flags",
        "Deployment/paperless-maverick-app", "Deployment/paperless-maverick-worker",
        "Service/paperless-maverick-app", "Service/paperless-maverick-worker",
        "HorizontalPodAutoscaler/paperless-maverick-app", "HorizontalPodAutoscaler/paperless-maverick-worker",
        "PodDisruptionBudget/paperless-maverick-app", "PodDisruptionBudget/paperless-maverick-worker");
    assertThat(children).allSatisfy(c -> assertThat(c.getMetadata().getNamespace()).isEqualTo("paperless-maverick"));
  }

  @Test
  void printsTheEcosystemChildrenOfThePipelineThatAsksForThem() {
    assertThat(render("render", "-f", "examples/paperless-maverick-ecosystem/pipeline.yaml",
        "-f", "examples/paperless-maverick-ecosystem/policy.yaml")).isZero();

    List<HasMetadata> children = parse(out.toString(StandardCharsets.UTF_8));
    assertThat(children).extracting(c -> c.getKind() + "/" + c.getMetadata().getName()).contains(
        "Ingress/paperless-maverick-app",
        "NetworkPolicy/paperless-maverick-app", "NetworkPolicy/paperless-maverick-worker",
        "TriggerAuthentication/paperless-maverick-worker", "ScaledObject/paperless-maverick-worker",
        "ServiceMonitor/paperless-maverick-app", "ServiceMonitor/paperless-maverick-worker",
        "PrometheusRule/paperless-maverick-rollout", "FeatureFlag/paperless-maverick-flags")
        .doesNotContain("HorizontalPodAutoscaler/paperless-maverick-worker");
  }

  @Test
  void printsBothColoursAndBothServicesOfABlueGreenPipeline() {
    assertThat(render("render", "-f", "examples/paperless-maverick-blue-green/pipeline.yaml",
        "-f", "examples/paperless-maverick-blue-green/policy.yaml")).isZero();

    List<HasMetadata> children = parse(out.toString(StandardCharsets.UTF_8));
    assertThat(children).extracting(c -> c.getKind() + "/" + c.getMetadata().getName()).contains(
        "Deployment/paperless-maverick-app-blue", "Deployment/paperless-maverick-app-green",
        "Service/paperless-maverick-app", "Service/paperless-maverick-app-preview",
        "HorizontalPodAutoscaler/paperless-maverick-app")
        .doesNotContain("Deployment/paperless-maverick-app");
    Map<String, HasMetadata> byName = children.stream()
        .collect(Collectors.toMap(c -> c.getKind() + "/" + c.getMetadata().getName(), c -> c));
    assertThat(((Service) byName.get("Service/paperless-maverick-app")).getSpec().getSelector())
        .containsEntry("maverick.dev/color", "blue");
    assertThat(((Service) byName.get("Service/paperless-maverick-app-preview")).getSpec().getSelector())
        .containsEntry("maverick.dev/color", "green");
    assertThat(((Deployment) byName.get("Deployment/paperless-maverick-app-blue")).getSpec().getReplicas()).isEqualTo(3);
    assertThat(((Deployment) byName.get("Deployment/paperless-maverick-app-green")).getSpec().getReplicas()).isZero();
    assertThat(((HorizontalPodAutoscaler) byName.get("HorizontalPodAutoscaler/paperless-maverick-app")).getSpec()
        .getScaleTargetRef().getName()).isEqualTo("paperless-maverick-app-blue");
  }

  @Test
  void explainsAnInvalidPipelineAndFails(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pipeline.yaml");
    Files.writeString(file, Fixtures.MINIMAL_PIPELINE.replace("name: minimal,", "name: Not_A_Name,"));

    assertThat(render("render", "-f", file.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("metadata.name: 'Not_A_Name' must be a DNS label");
  }

  private static List<HasMetadata> parse(String yaml) {
    Object parsed = new KubernetesSerialization().unmarshal(yaml);
    @SuppressWarnings("unchecked")
    List<HasMetadata> list = parsed instanceof List<?> l ? (List<HasMetadata>) l : List.of((HasMetadata) parsed);
    return list;
  }
}
