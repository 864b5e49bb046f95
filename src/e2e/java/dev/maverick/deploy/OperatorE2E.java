package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.Groups;
import dev.maverick.api.Phase;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The operator jar against a real cluster (k3s in Docker): CRDs from crds/, a minimal pipeline,
 * its children and status, then a manual rollback. Runs with `mvn -Pe2e verify` (after package,
 * so target/maverick-operator.jar exists); skipped where there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class OperatorE2E {
  static final String NAMESPACE = "e2e";
  static final String NAME = "minimal";
  static final Duration TIMEOUT = Duration.ofMinutes(3);

  /** A pipeline with only the required fields; the pause image starts anywhere and serves nothing. */
  static final String MINIMAL_PIPELINE = """
      apiVersion: maverick.dev/v1alpha1
      kind: EmbeddingPipeline
      metadata:
        name: minimal
        namespace: e2e
      spec:
        app:
          image: registry.k8s.io/pause:3.10
          replicas: {min: 1, max: 1}
        worker:
          image: registry.k8s.io/pause:3.10
          replicas: {min: 1, max: 1}
        featureFlags:
        - name: embeddingMonitoring
          enabled: true
          rolloutPercentage: 10
      """;

  @Container static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

  static KubernetesClient client;
  static Process operator;
  static Path operatorLog;

  @BeforeAll
  static void installCrdsAndStartOperator() throws IOException {
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();
    try (Stream<Path> crds = Files.list(Path.of("crds"))) {
      for (Path crd : crds.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        client.apiextensions().v1().customResourceDefinitions().load(crd.toFile()).serverSideApply();
      }
    }
    for (String crd : List.of("embeddingpipelines.maverick.dev", "rolloutpolicies.maverick.dev")) {
      client.apiextensions().v1().customResourceDefinitions().withName(crd).waitUntilCondition(
          c -> c != null && c.getStatus() != null && c.getStatus().getConditions().stream()
              .anyMatch(cond -> cond.getType().equals("Established") && cond.getStatus().equals("True")),
          1, TimeUnit.MINUTES);
    }

    Path jar = Path.of("target", "maverick-operator.jar");
    assertThat(jar).as("run `mvn -Pe2e verify` so that the jar is packaged first").exists();
    Path kubeconfig = Files.createTempFile("k3s-kubeconfig", ".yaml");
    Files.writeString(kubeconfig, K3S.getKubeConfigYaml());
    operatorLog = Path.of("target", "e2e-operator.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString(), "run")
        .redirectErrorStream(true)
        .redirectOutput(operatorLog.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("MAVERICK_LEADER_ELECTION", "false");
    builder.environment().put("MAVERICK_HTTP_PORT", Integer.toString(freePort()));
    builder.environment().put("MAVERICK_LOG_LEVEL", "DEBUG");
    operator = builder.start();
  }

  @AfterAll
  static void stopOperator() throws InterruptedException {
    if (operator != null) {
      operator.destroy();
      if (!operator.waitFor(30, TimeUnit.SECONDS)) {
        operator.destroyForcibly();
      }
    }
    if (client != null) {
      client.close();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static EmbeddingPipelineStatus status() {
    EmbeddingPipeline pipeline = client.resources(EmbeddingPipeline.class).inNamespace(NAMESPACE).withName(NAME).get();
    return pipeline == null ? null : pipeline.getStatus();
  }

  @Test
  void minimalPipelineGetsItsChildrenAndStatusAndCanBeRolledBack() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    // Applied as written (generic), not through the typed records, which would add their defaults.
    client.genericKubernetesResources("maverick.dev/v1alpha1", "EmbeddingPipeline")
        .load(new ByteArrayInputStream(MINIMAL_PIPELINE.getBytes(StandardCharsets.UTF_8))).serverSideApply();

    await("children of " + NAME + " (operator log: " + operatorLog + ")").atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName(NAME + "-app").get()).isNotNull();
      assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName(NAME + "-worker").get()).isNotNull();
      assertThat(client.services().inNamespace(NAMESPACE).withName(NAME + "-app").get()).isNotNull();
      assertThat(client.services().inNamespace(NAMESPACE).withName(NAME + "-worker").get()).isNotNull();
      assertThat(client.configMaps().inNamespace(NAMESPACE).withName(NAME + "-flags").get().getData())
          .containsKey("flags.flagd.json")
          .containsEntry("ENABLE_EMBEDDING_MONITORING", "true");
    });
    await("status of " + NAME).atMost(TIMEOUT).untilAsserted(() -> {
      EmbeddingPipelineStatus status = status();
      assertThat(status).isNotNull();
      assertThat(status.observedGeneration()).isEqualTo(1L);
      assertThat(status.phase()).isNotNull();
      assertThat(status.conditions()).anySatisfy(c -> assertThat(c.getType()).isEqualTo("Ready"));
    });

    // What `kubectl maverick rollback` does: a fresh value on the annotation, nothing else touched.
    client.genericKubernetesResources("maverick.dev/v1alpha1", "EmbeddingPipeline").inNamespace(NAMESPACE)
        .withName(NAME).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"" + Groups.ANNOTATION_ROLLBACK + "\":\"e2e-1\"}}}");

    await("manual rollback of " + NAME).atMost(TIMEOUT).untilAsserted(() -> {
      EmbeddingPipelineStatus status = status();
      assertThat(status.phase()).isEqualTo(Phase.RolledBack);
      assertThat(status.actions()).anySatisfy(action -> {
        assertThat(action.trigger()).isEqualTo("ManualRollback");
        assertThat(Objects.toString(action.type())).isEqualTo("FullRollback");
      });
    });
    assertThat(client.configMaps().inNamespace(NAMESPACE).withName(NAME + "-flags").get().getData())
        .containsEntry("ENABLE_EMBEDDING_MONITORING", "false");
  }
}
