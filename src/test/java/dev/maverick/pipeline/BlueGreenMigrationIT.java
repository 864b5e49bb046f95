package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.AppSpec;
import dev.maverick.api.AppStrategy;
import dev.maverick.api.AppStrategyType;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Moving a running pipeline from RollingUpdate to BlueGreen and back (issue 13): at every moment the
 * Service {@code <name>-app} selects pods that are ready. The test plays the kubelet itself, so each
 * new Deployment stays unready until the test says otherwise; a watcher thread samples the Service
 * and the Deployments all along.
 */
class BlueGreenMigrationIT {
  private static final String NAME = "minimal";
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().build();

  @Test
  void theAppServiceAlwaysSelectsReadyPods() throws Exception {
    k8s.create(Fixtures.minimal());
    k8s.awaitChild(Deployment.class, NAME + "-app");
    k8s.rollOut(NAME + "-app");
    k8s.rollOut(NAME + "-worker");
    await().until(() -> servesReadyPods() != null);

    List<String> gaps = new CopyOnWriteArrayList<>();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> {
      while (sampling.get()) {
        String problem = servesReadyPodsOrWhyNot();
        if (problem != null) {
          gaps.add(problem);
        }
      }
    });
    sampler.start();
    try {
      strategy(AppStrategyType.BlueGreen);
      k8s.awaitChild(Deployment.class, NAME + "-app-blue");
      k8s.awaitChild(Deployment.class, NAME + "-app-green");
      await().until(() -> k8s.pipeline(NAME).getStatus().blueGreen() != null);
      assertThat(k8s.get(Deployment.class, NAME + "-app")).as("kept until blue is ready").isNotNull();
      assertThat(selector()).doesNotContainKey(ChildNames.COLOR_LABEL);

      k8s.rollOut(NAME + "-app-green");
      k8s.rollOut(NAME + "-app-blue");
      await().until(() -> k8s.get(Deployment.class, NAME + "-app") == null);
      assertThat(selector()).containsEntry(ChildNames.COLOR_LABEL, "blue");
      await().until(() -> k8s.pipeline(NAME).getStatus().app() != null
          && "1/1 blue".equals(k8s.pipeline(NAME).getStatus().app().summary()));

      strategy(AppStrategyType.RollingUpdate);
      k8s.awaitChild(Deployment.class, NAME + "-app");
      await().until(() -> k8s.get(Deployment.class, NAME + "-app-green") == null);
      assertThat(k8s.get(Deployment.class, NAME + "-app-blue")).as("kept until " + NAME + "-app is ready").isNotNull();
      assertThat(selector()).doesNotContainKey(ChildNames.COLOR_LABEL);

      k8s.rollOut(NAME + "-app");
      await().until(() -> k8s.get(Deployment.class, NAME + "-app-blue") == null);
      await().until(() -> k8s.pipeline(NAME).getStatus().blueGreen() == null);
      assertThat(k8s.get(Service.class, NAME + "-app-preview")).isNull();
    } finally {
      sampling.set(false);
      sampler.join();
    }
    assertThat(gaps).as("moments the app Service selected no ready pod").isEmpty();
  }

  private void strategy(AppStrategyType type) {
    k8s.edit(EmbeddingPipeline.class, NAME, p -> {
      EmbeddingPipelineSpec s = p.getSpec();
      AppSpec a = s.app();
      p.setSpec(new EmbeddingPipelineSpec(new AppSpec(a.image(), a.replicas(), a.ports(), a.probes(), a.resources(),
          a.env(), a.envFrom(), a.autoscaling(), a.podSecurityContext(), a.securityContext(), a.ingress(),
          new AppStrategy(type, null)), s.worker(), s.featureFlags(), s.rateLimiting(), s.flagDelivery(),
          s.rolloutPolicyRef(), s.paused()));
      return p;
    });
  }

  private Map<String, String> selector() {
    return k8s.get(Service.class, NAME + "-app").getSpec().getSelector();
  }

  /** The name of a ready Deployment whose pods the app Service selects, or null. */
  private String servesReadyPods() {
    Service service = k8s.get(Service.class, NAME + "-app");
    if (service == null) {
      return null;
    }
    Map<String, String> selector = service.getSpec().getSelector();
    return k8s.client.apps().deployments().inNamespace(OperatorHarness.NAMESPACE).list().getItems().stream()
        .filter(d -> d.getStatus() != null && d.getStatus().getReadyReplicas() != null
            && d.getStatus().getReadyReplicas() > 0)
        .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
        .map(d -> d.getMetadata().getName())
        .findFirst().orElse(null);
  }

  private String servesReadyPodsOrWhyNot() {
    String ready = servesReadyPods();
    return ready != null ? null : "no ready Deployment matches " + selector() + " at " + java.time.Instant.now();
  }
}
