package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.AppSpec;
import dev.maverick.api.Autoscaling;
import dev.maverick.api.AutoscalingEngine;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.WorkerSpec;
import dev.maverick.integrations.ApiDiscovery;
import dev.maverick.integrations.ClusterApi;
import dev.maverick.integrations.OpenFeatureFlag;
import dev.maverick.integrations.PrometheusRule;
import dev.maverick.integrations.ScaledObject;
import dev.maverick.integrations.ServiceMonitor;
import dev.maverick.integrations.TriggerAuthentication;
import dev.maverick.status.Conditions;
import dev.maverick.testing.IntegrationCrds;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ecosystem children on a (mock) cluster that serves, or does not serve, their APIs. */
class EcosystemChildrenIT {
  private static final String NAME = "paperless-maverick";
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().build();

  private void createExample() {
    RolloutPolicy policy = EcosystemExample.policy();
    policy.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
    k8s.create(policy);
    EmbeddingPipeline pipeline = EcosystemExample.pipeline();
    pipeline.getMetadata().setUid(null);
    k8s.create(pipeline);
  }

  @Test
  void withEveryApiServedEachChildIsCreatedAndTheWorkerHasNoHpa() {
    IntegrationCrds.install(k8s.client, ClusterApi.values());
    createExample();

    k8s.awaitChild(Ingress.class, NAME + "-app");
    k8s.awaitChild(NetworkPolicy.class, NAME + "-app");
    k8s.awaitChild(NetworkPolicy.class, NAME + "-worker");
    k8s.awaitChild(ScaledObject.class, NAME + "-worker");
    k8s.awaitChild(TriggerAuthentication.class, NAME + "-worker");
    k8s.awaitChild(ServiceMonitor.class, NAME + "-app");
    k8s.awaitChild(ServiceMonitor.class, NAME + "-worker");
    k8s.awaitChild(PrometheusRule.class, NAME + "-rollout");
    k8s.awaitChild(OpenFeatureFlag.class, NAME + "-flags");
    k8s.awaitChild(HorizontalPodAutoscaler.class, NAME + "-app");
    await().untilAsserted(() -> assertThat(condition(Conditions.INTEGRATIONS_AVAILABLE).getStatus()).isEqualTo("True"));
    assertThat(k8s.get(HorizontalPodAutoscaler.class, NAME + "-worker")).isNull();
  }

  @Test
  void switchingEnginesReplacesOneAutoscalerWithTheOther() {
    IntegrationCrds.install(k8s.client, ClusterApi.KEDA);
    createExample();
    k8s.awaitChild(ScaledObject.class, NAME + "-worker");

    editSpec(spec -> withWorkerEngine(spec, AutoscalingEngine.HPA));
    await().untilAsserted(() -> {
      assertThat(k8s.get(HorizontalPodAutoscaler.class, NAME + "-worker")).isNotNull();
      assertThat(k8s.get(ScaledObject.class, NAME + "-worker")).isNull();
      assertThat(k8s.get(TriggerAuthentication.class, NAME + "-worker")).isNull();
    });

    editSpec(spec -> withWorkerEngine(spec, AutoscalingEngine.KEDA));
    await().untilAsserted(() -> {
      assertThat(k8s.get(ScaledObject.class, NAME + "-worker")).isNotNull();
      assertThat(k8s.get(HorizontalPodAutoscaler.class, NAME + "-worker")).isNull();
    });
  }

  @Test
  void kedaOnAClusterWithoutItsApiStallsThePipelineUntilKedaIsInstalled() {
    createExample();

    await().untilAsserted(() -> {
      Condition stalled = condition(Conditions.STALLED);
      assertThat(stalled.getStatus()).isEqualTo("True");
      assertThat(stalled.getReason()).isEqualTo("KedaNotInstalled");
      assertThat(stalled.getMessage()).contains("keda.sh/v1alpha1");
    });
    assertThat(events()).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("KedaNotInstalled"));

    IntegrationCrds.install(k8s.client, ClusterApi.KEDA);
    k8s.mutableClock().advance(ApiDiscovery.RECHECK.plusSeconds(1));
    touch();
    k8s.awaitChild(ScaledObject.class, NAME + "-worker");
    await().untilAsserted(() -> assertThat(condition(Conditions.STALLED).getStatus()).isEqualTo("False"));
  }

  @Test
  void missingMonitoringAndOpenFeatureApisAreReportedAndTheRestProceeds() {
    IntegrationCrds.install(k8s.client, ClusterApi.KEDA);
    createExample();

    k8s.awaitChild(Ingress.class, NAME + "-app");
    k8s.awaitChild(ScaledObject.class, NAME + "-worker");
    await().untilAsserted(() -> {
      Condition integrations = condition(Conditions.INTEGRATIONS_AVAILABLE);
      assertThat(integrations.getStatus()).isEqualTo("False");
      assertThat(integrations.getMessage()).contains("ServiceMonitor needs monitoring.coreos.com/v1",
          "PrometheusRule needs monitoring.coreos.com/v1", "FeatureFlag needs core.openfeature.dev/v1beta1");
      assertThat(condition(Conditions.STALLED).getStatus()).isEqualTo("False");
    });
    touch();
    await().untilAsserted(() -> assertThat(events()).filteredOn(e -> e.getReason().equals("IntegrationsUnavailable"))
        .singleElement().satisfies(e -> assertThat(e.getType()).isEqualTo("Warning")));

    IntegrationCrds.install(k8s.client, ClusterApi.PROMETHEUS_OPERATOR, ClusterApi.OPENFEATURE_OPERATOR);
    k8s.mutableClock().advance(ApiDiscovery.RECHECK.plusSeconds(1));
    touch();
    k8s.awaitChild(ServiceMonitor.class, NAME + "-worker");
    k8s.awaitChild(OpenFeatureFlag.class, NAME + "-flags");
    await().untilAsserted(() -> assertThat(condition(Conditions.INTEGRATIONS_AVAILABLE).getStatus()).isEqualTo("True"));
  }

  @Test
  void removingTheIngressFieldDeletesTheIngressAndItsAnnotationsFollowTheSpec() {
    IntegrationCrds.install(k8s.client, ClusterApi.values());
    createExample();
    k8s.awaitChild(Ingress.class, NAME + "-app");

    editSpec(spec -> withIngressAnnotations(spec, Map.of("cert-manager.io/cluster-issuer", "letsencrypt")));
    await().untilAsserted(() -> assertThat(k8s.get(Ingress.class, NAME + "-app").getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/cluster-issuer", "letsencrypt")
        .doesNotContainKey("nginx.ingress.kubernetes.io/limit-rps"));

    editSpec(spec -> withIngressAnnotations(spec, null));
    await().untilAsserted(() -> assertThat(k8s.get(Ingress.class, NAME + "-app")).isNull());
    assertThat(k8s.get(NetworkPolicy.class, NAME + "-app")).isNotNull();
  }

  /** ScaleWorkers{0} pauses the ScaledObject (not deleted); when the override ends the pause is lifted. */
  @Test
  void scaleWorkersPausesTheScaledObjectAndTheEndOfTheOverrideLiftsThePause() throws Exception {
    IntegrationCrds.install(k8s.client, ClusterApi.values());
    try (var prometheus = new dev.maverick.prometheus.FakePrometheusServer()) {
      prometheus.answerData("{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"50\"]}]}");
      RolloutPolicy policy = EcosystemExample.policy();
      policy.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
      var spec = policy.getSpec();
      policy.setSpec(new dev.maverick.api.RolloutPolicySpec(
          new dev.maverick.api.PrometheusSpec(prometheus.url(), "1s", null, Map.of()), "1s", null, null, null,
          List.of(), spec.triggers().stream().filter(t -> t.name().equals("embeddingApiDown")).toList(), List.of()));
      k8s.create(policy);
      EmbeddingPipeline pipeline = EcosystemExample.pipeline();
      pipeline.getMetadata().setUid(null);
      k8s.create(pipeline);
      k8s.awaitChild(ScaledObject.class, NAME + "-worker");
      await().until(() -> k8s.queriesRun() >= 1);

      k8s.mutableClock().advance(Duration.ofMinutes(6));
      await().untilAsserted(() -> assertThat(k8s.get(ScaledObject.class, NAME + "-worker").getMetadata()
          .getAnnotations()).containsEntry(ScaledObjects.PAUSED_REPLICAS, "0"));
      assertThat(k8s.get(HorizontalPodAutoscaler.class, NAME + "-worker")).isNull();

      prometheus.answerData("{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"0\"]}]}");
      k8s.edit(EmbeddingPipeline.class, NAME, p -> {
        p.getMetadata().setAnnotations(Map.of(dev.maverick.api.Groups.ANNOTATION_RETRY, "after-incident"));
        return p;
      });
      await().untilAsserted(() -> assertThat(k8s.get(ScaledObject.class, NAME + "-worker").getMetadata()
          .getAnnotations()).doesNotContainKey(ScaledObjects.PAUSED_REPLICAS));
    }
  }

  private static EmbeddingPipelineSpec withWorkerEngine(EmbeddingPipelineSpec spec, AutoscalingEngine engine) {
    WorkerSpec w = spec.worker();
    Autoscaling a = w.autoscaling();
    var queue = engine == AutoscalingEngine.HPA
        ? new dev.maverick.api.QueueDepth("embedding_queue_depth", a.queueDepth().averageValue())
        : EcosystemExample.pipeline().getSpec().worker().autoscaling().queueDepth();
    Autoscaling scaling = new Autoscaling(a.enabled(), a.cpuUtilization(), a.memoryUtilization(), queue,
        a.scaleUpStabilizationSeconds(), a.scaleDownStabilizationSeconds(), engine);
    return new EmbeddingPipelineSpec(spec.app(), new WorkerSpec(w.image(), w.replicas(), w.ports(), w.probes(),
        w.resources(), w.env(), w.envFrom(), scaling, w.podSecurityContext(), w.securityContext()), spec.featureFlags(), spec.rateLimiting(), spec.flagDelivery(),
        spec.rolloutPolicyRef(), spec.paused(), spec.monitoring(), spec.networkPolicy());
  }

  /** {@code annotations} null: no ingress at all. */
  private static EmbeddingPipelineSpec withIngressAnnotations(EmbeddingPipelineSpec spec, Map<String, String> annotations) {
    AppSpec a = spec.app();
    var ingress = annotations == null ? null : new dev.maverick.api.AppIngress(a.ingress().host(),
        a.ingress().className(), a.ingress().tlsSecretName(), annotations);
    return new EmbeddingPipelineSpec(new AppSpec(a.image(), a.replicas(), a.ports(), a.probes(), a.resources(),
        a.env(), a.envFrom(), a.autoscaling(), a.podSecurityContext(), a.securityContext(), ingress), spec.worker(), spec.featureFlags(), spec.rateLimiting(),
        spec.flagDelivery(), spec.rolloutPolicyRef(), spec.paused(), spec.monitoring(), spec.networkPolicy());
  }

  private void editSpec(UnaryOperator<EmbeddingPipelineSpec> change) {
    k8s.edit(EmbeddingPipeline.class, NAME, p -> {
      p.setSpec(change.apply(p.getSpec()));
      return p;
    });
  }

  /** An annotation change: the operator reconciles the pipeline now (the mock has no wall-clock requeue to wait for). */
  private void touch() {
    k8s.edit(EmbeddingPipeline.class, NAME, p -> {
      p.getMetadata().setAnnotations(Map.of("test/touched", String.valueOf(System.nanoTime())));
      return p;
    });
  }

  private Condition condition(String type) {
    return Conditions.find(k8s.pipeline(NAME).getStatus().conditions(), type).orElseThrow();
  }

  private List<Event> events() {
    return k8s.client.v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems();
  }
}
