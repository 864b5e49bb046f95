package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.Groups;
import dev.maverick.api.LocalObjectRef;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.WorkerSpec;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11.1: a worker count of 0 left by {@code ScaleWorkers{replicas: 0}} goes back to
 * {@code replicas.min} once when the override ends (an HPA never scales up from 0); afterwards the
 * HPA owns the count again. The rule reads the live Deployment, so it holds across restarts.
 */
class WorkerReplicasAfterOverrideIT {
  private static final String BREACHING = """
      {"resultType":"vector","result":[{"metric":{},"value":[1700000000,"0.5"]}]}""";
  private static final String HEALTHY = """
      {"resultType":"vector","result":[{"metric":{},"value":[1700000000,"0.99"]}]}""";

  private final FakePrometheusServer prometheus = new FakePrometheusServer();
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().build();

  @BeforeEach
  void start() {
    prometheus.answerData(BREACHING);
    k8s.create(stopWorkersPolicy(prometheus.url()));
  }

  @AfterEach
  void stop() {
    prometheus.close();
  }

  @Test
  void theRetryAnnotationBringsAutoscaledWorkersBackToMinOnceThenTheHpaOwnsTheCount() {
    k8s.create(Fixtures.paperlessUsing("stop-workers"));
    String worker = "paperless-maverick-worker";
    awaitWorkersStopped(worker);
    assertThat(k8s.get(HorizontalPodAutoscaler.class, worker)).as("worker HPA while ScaleWorkers holds").isNull();

    prometheus.answerData(HEALTHY);
    annotate("paperless-maverick", Groups.ANNOTATION_RETRY, "1");

    k8s.awaitChild(HorizontalPodAutoscaler.class, worker);
    await().untilAsserted(() -> assertThat(replicas(worker)).isEqualTo(2));
    await().untilAsserted(() -> assertThat(k8s.pipeline("paperless-maverick").getStatus().memory().overrides()).isEmpty());

    // from now on the HPA owns the count, also when it scales down to what the override had set
    scaleAsTheHpaWould(worker, 5);
    retryAndAwaitReconcile("paperless-maverick", "2");
    assertThat(replicas(worker)).isEqualTo(5);
    scaleAsTheHpaWould(worker, 0);
    retryAndAwaitReconcile("paperless-maverick", "3");
    assertThat(replicas(worker)).as("raised once only, never again").isZero();
  }

  @Test
  void aNewRevisionWhileTheOperatorIsDownBringsTheWorkersBack() {
    k8s.create(Fixtures.paperlessUsing("stop-workers"));
    String worker = "paperless-maverick-worker";
    awaitWorkersStopped(worker);

    prometheus.answerData(HEALTHY);
    k8s.stopOperator();
    k8s.edit(EmbeddingPipeline.class, "paperless-maverick", p -> {
      EmbeddingPipelineSpec spec = p.getSpec();
      WorkerSpec w = spec.worker();
      p.setSpec(new EmbeddingPipelineSpec(spec.app(), w.withImage("registry.example/embedding-worker:1.5.0"),
          spec.featureFlags(), spec.rateLimiting(), spec.flagDelivery(), spec.rolloutPolicyRef(), spec.paused()));
      return p;
    });
    k8s.startOperator();

    k8s.awaitChild(HorizontalPodAutoscaler.class, worker);
    await().untilAsserted(() -> {
      Deployment live = k8s.get(Deployment.class, worker);
      assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .isEqualTo("registry.example/embedding-worker:1.5.0");
      assertThat(live.getSpec().getReplicas()).isEqualTo(2);
    });
  }

  @Test
  void withoutAutoscalingTheWorkersGoBackToMin() {
    EmbeddingPipeline pipeline = Fixtures.minimal();
    EmbeddingPipelineSpec spec = pipeline.getSpec();
    pipeline.setSpec(new EmbeddingPipelineSpec(spec.app(), spec.worker(), spec.featureFlags(), spec.rateLimiting(),
        spec.flagDelivery(), new LocalObjectRef("stop-workers"), spec.paused()));
    k8s.create(pipeline);
    awaitWorkersStopped("minimal-worker");

    prometheus.answerData(HEALTHY);
    annotate("minimal", Groups.ANNOTATION_RETRY, "1");

    await().untilAsserted(() -> assertThat(replicas("minimal-worker")).isEqualTo(1));
    assertThat(k8s.get(HorizontalPodAutoscaler.class, "minimal-worker")).isNull();
  }

  private void awaitWorkersStopped(String worker) {
    k8s.awaitChild(Deployment.class, worker);
    await().untilAsserted(() -> {
      assertThat(k8s.pipeline(worker.substring(0, worker.length() - "-worker".length())).getStatus().memory().overrides())
          .isNotEmpty();
      assertThat(replicas(worker)).isZero();
    });
  }

  private Integer replicas(String deployment) {
    return k8s.get(Deployment.class, deployment).getSpec().getReplicas();
  }

  private void scaleAsTheHpaWould(String deployment, int replicas) {
    k8s.edit(Deployment.class, deployment, d -> {
      d.getSpec().setReplicas(replicas);
      return d;
    });
  }

  private void annotate(String pipeline, String key, String value) {
    k8s.edit(EmbeddingPipeline.class, pipeline, p -> {
      Map<String, String> annotations = new HashMap<>(
          p.getMetadata().getAnnotations() == null ? Map.of() : p.getMetadata().getAnnotations());
      annotations.put(key, value);
      p.getMetadata().setAnnotations(annotations);
      return p;
    });
  }

  /**
   * Sets a new retry value (no override holds, so it changes nothing) and waits until the status
   * shows it handled: that reconcile applied the children before writing the status.
   */
  private void retryAndAwaitReconcile(String pipeline, String value) {
    annotate(pipeline, Groups.ANNOTATION_RETRY, value);
    await().until(() -> value.equals(k8s.pipeline(pipeline).getStatus().memory().handledAnnotations()
        .get(Groups.ANNOTATION_RETRY)));
  }

  private static RolloutPolicy stopWorkersPolicy(String prometheusUrl) {
    return Fixtures.paperlessPolicy().withName("stop-workers").withPrometheus(prometheusUrl, "5s").withFor("0s")
        .withAction("{type: ScaleWorkers, replicas: 0}").build();
  }
}
