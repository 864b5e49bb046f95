package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator keeps every child of a pipeline in its desired shape (issue 2, item 4). */
class PipelineChildrenIT {
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().build();

  @Test
  void createsEveryChildOwnedByThePipeline() {
    EmbeddingPipeline pipeline = k8s.create(Fixtures.paperless());
    List<HasMetadata> children = List.of(
        k8s.awaitChild(Deployment.class, "paperless-maverick-app"),
        k8s.awaitChild(Deployment.class, "paperless-maverick-worker"),
        k8s.awaitChild(Service.class, "paperless-maverick-app"),
        k8s.awaitChild(Service.class, "paperless-maverick-worker"),
        k8s.awaitChild(HorizontalPodAutoscaler.class, "paperless-maverick-app"),
        k8s.awaitChild(HorizontalPodAutoscaler.class, "paperless-maverick-worker"),
        k8s.awaitChild(PodDisruptionBudget.class, "paperless-maverick-app"),
        k8s.awaitChild(PodDisruptionBudget.class, "paperless-maverick-worker"),
        k8s.awaitChild(ConfigMap.class, "paperless-maverick-flags"));
    for (HasMetadata child : children) {
      assertThat(child.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
        assertThat(owner.getUid()).isEqualTo(pipeline.getMetadata().getUid());
        assertThat(owner.getKind()).isEqualTo("EmbeddingPipeline");
        assertThat(owner.getController()).isTrue();
      });
      assertThat(child.getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/managed-by", "maverick-operator")
          .containsEntry("app.kubernetes.io/instance", "paperless-maverick")
          .containsKey("app.kubernetes.io/component");
    }
    Deployment app = k8s.get(Deployment.class, "paperless-maverick-app");
    var container = app.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.example/paperless-maverick:1.4.0");
    assertThat(container.getEnv()).extracting("name").containsExactly("LOG_LEVEL");
    assertThat(container.getEnvFrom()).extracting(e -> e.getSecretRef() != null ? e.getSecretRef().getName()
        : e.getConfigMapRef().getName()).containsExactly("supabase-secrets", "paperless-maverick-flags");
    assertThat(container.getVolumeMounts()).singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/etc/maverick/flags"));
    assertThat(app.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("maverick.dev/flags-hash");
    assertThat(app.getSpec().getReplicas()).isEqualTo(3);
    HorizontalPodAutoscaler workerHpa = k8s.get(HorizontalPodAutoscaler.class, "paperless-maverick-worker");
    assertThat(workerHpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(workerHpa.getSpec().getMaxReplicas()).isEqualTo(6);
    assertThat(workerHpa.getSpec().getMetrics()).extracting("type").containsExactly("Resource", "Resource", "External");
    assertThat(workerHpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(300);
  }

  @Test
  void recreatesADeletedChild() {
    k8s.create(Fixtures.paperless());
    k8s.awaitChild(Service.class, "paperless-maverick-worker");
    k8s.client.services().inNamespace(OperatorHarness.NAMESPACE).withName("paperless-maverick-worker").delete();
    await().until(() -> {
      Service service = k8s.get(Service.class, "paperless-maverick-worker");
      return service != null && service.getMetadata().getDeletionTimestamp() == null;
    });
  }

  @Test
  void putsBackAnImageAndFlagDataEditedByHand() {
    k8s.create(Fixtures.paperless());
    k8s.awaitChild(Deployment.class, "paperless-maverick-app");
    ConfigMap flags = k8s.awaitChild(ConfigMap.class, "paperless-maverick-flags");
    String originalFlag = flags.getData().get("ENABLE_EMBEDDING_MONITORING");

    k8s.edit(Deployment.class, "paperless-maverick-app", d -> {
          d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil/image:latest");
          return d;
        });
    k8s.edit(ConfigMap.class, "paperless-maverick-flags", cm -> {
          cm.getData().put("ENABLE_EMBEDDING_MONITORING", "tampered");
          return cm;
        });

    await().untilAsserted(() -> {
      assertThat(k8s.get(Deployment.class, "paperless-maverick-app").getSpec().getTemplate().getSpec()
          .getContainers().get(0).getImage()).isEqualTo("registry.example/paperless-maverick:1.4.0");
      assertThat(k8s.get(ConfigMap.class, "paperless-maverick-flags").getData())
          .containsEntry("ENABLE_EMBEDDING_MONITORING", originalFlag);
    });
  }

  @Test
  void keepsTheReplicaCountAnHpaSetAcrossUpdates() {
    k8s.create(Fixtures.paperless());
    k8s.awaitChild(Deployment.class, "paperless-maverick-app");
    // the HPA scales the app to 7
    k8s.edit(Deployment.class, "paperless-maverick-app", d -> {
          d.getSpec().setReplicas(7);
          return d;
        });
    // a new image is rolled out: the Deployment is updated, the HPA's count stays
    k8s.edit(EmbeddingPipeline.class, "paperless-maverick", p -> {
          var spec = p.getSpec();
          var app = spec.app();
          p.setSpec(new dev.maverick.api.EmbeddingPipelineSpec(
              app.withImage("registry.example/paperless-maverick:1.5.0"),
              spec.worker(), spec.featureFlags(), spec.rateLimiting(), spec.flagDelivery(), spec.rolloutPolicyRef(),
              spec.paused()));
          return p;
        });
    await().untilAsserted(() -> {
      Deployment app = k8s.get(Deployment.class, "paperless-maverick-app");
      assertThat(app.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .isEqualTo("registry.example/paperless-maverick:1.5.0");
      assertThat(app.getSpec().getReplicas()).isEqualTo(7);
    });
  }

  @Test
  void ownsTheReplicaCountWhenAutoscalingIsOff() {
    k8s.create(Fixtures.minimal());
    k8s.awaitChild(Deployment.class, "minimal-worker");
    assertThat(k8s.get(HorizontalPodAutoscaler.class, "minimal-worker")).isNull();
    k8s.edit(Deployment.class, "minimal-worker", d -> {
          d.getSpec().setReplicas(5);
          return d;
        });
    await().untilAsserted(() ->
        assertThat(k8s.get(Deployment.class, "minimal-worker").getSpec().getReplicas()).isEqualTo(1));
  }

  @Test
  void keepsLabelsAndAnnotationsOtherToolsAdd() {
    k8s.create(Fixtures.paperless());
    k8s.awaitChild(Service.class, "paperless-maverick-app");
    k8s.edit(Service.class, "paperless-maverick-app", s -> {
      s.getMetadata().getLabels().put("team", "search");
      s.getMetadata().getAnnotations().put("prometheus.io/scrape", "true");
      s.getSpec().getPorts().get(0).setPort(1234);
      return s;
    });
    await().untilAsserted(() -> {
      Service app = k8s.get(Service.class, "paperless-maverick-app");
      assertThat(app.getSpec().getPorts().get(0).getPort()).isEqualTo(8080);
      assertThat(app.getMetadata().getLabels()).containsEntry("team", "search");
      assertThat(app.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true");
    });
  }
}
