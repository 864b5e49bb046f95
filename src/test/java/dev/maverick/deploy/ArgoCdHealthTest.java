package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maverick.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs deploy/argocd/health.lua with the real lua5.4 on fixture objects, as Argo CD would. */
class ArgoCdHealthTest {
  static final Path SCRIPT = Path.of("deploy/argocd/health.lua");
  static final Path FIXTURES = Path.of("src/test/resources/dev/maverick/deploy/health");

  record Health(String status, String message) {}

  static Health health(String fixture) {
    return healthOf(FIXTURES.resolve(fixture + ".lua"));
  }

  /** The script's answer for the object a Lua file returns. */
  static Health healthOf(Path fixtureFile) {
    Path lua = ExternalTools.require("lua5.4");
    String output = ProcessResult.run(List.of(lua.toString(), FIXTURES.resolve("driver.lua").toString(),
        SCRIPT.toString(), fixtureFile.toString())).assertSuccess().stdout();
    String[] lines = output.split("\n", -1);
    return new Health(lines[0], lines[1]);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "no-status|Progressing|Waiting for the operator to observe this object",
      "fresh-default-status|Progressing|Waiting for the operator to observe generation 1",
      "stale-generation|Progressing|Waiting for the operator to observe generation 3",
      "reconciling|Progressing|Stage internal: 1/3 app replicas ready",
      "ready|Healthy|Stage quarter: 3/3 app, 2/2 worker replicas ready",
      "policy-ready|Healthy|Policy is valid",
      "rolled-back|Degraded|Rolled back: FullRollback by systemErrorRate: rolled back to the stable revision",
      "stalled|Degraded|spec.rolloutPolicyRef: RolloutPolicy standard-rollout not found in namespace paperless-maverick",
      "paused|Suspended|Paused: no stage advances and no automatic actions"})
  void healthFollowsTheStatus(String fixture, String status, String message) {
    assertThat(health(fixture)).isEqualTo(new Health(status, message));
  }

  @ParameterizedTest
  @ValueSource(strings = {"EmbeddingPipeline", "RolloutPolicy"})
  void argocdConfigMapEmbedsTheScriptVerbatim(String kind) throws IOException {
    JsonNode configMap = Yaml.file(Path.of("examples/gitops/argocd/argocd-cm.yaml"));
    assertThat(configMap.path("data").path("resource.customizations.health.maverick.dev_" + kind).asText())
        .as("examples/gitops/argocd/argocd-cm.yaml must contain deploy/argocd/health.lua verbatim")
        .isEqualTo(Files.readString(SCRIPT));
  }

  @Test
  void argoApplicationPointsAtThePaperlessExample() {
    JsonNode application = Yaml.file(Path.of("examples/gitops/argocd/application.yaml"));
    assertThat(application.path("kind").asText()).isEqualTo("Application");
    assertThat(application.at("/spec/source/path").asText()).isEqualTo("examples/paperless-maverick");
    assertThat(application.at("/spec/destination/namespace").asText()).isEqualTo("paperless-maverick");
  }

  @Test
  void fluxKustomizationHealthChecksBothKinds() {
    JsonNode kustomization = Yaml.file(Path.of("examples/gitops/flux/kustomization.yaml"));
    assertThat(kustomization.at("/spec/path").asText()).isEqualTo("./examples/paperless-maverick");
    assertThat(kustomization.at("/spec/healthChecks").findValuesAsText("kind"))
        .containsExactlyInAnyOrder("EmbeddingPipeline", "RolloutPolicy");
    assertThat(kustomization.at("/spec/healthChecks").findValuesAsText("apiVersion"))
        .containsOnly("maverick.dev/v1alpha1");
  }
}
