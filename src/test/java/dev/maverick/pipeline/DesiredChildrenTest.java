package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.FlagDelivery;
import dev.maverick.rollout.EffectiveRollout;
import dev.maverick.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The children's desired state is a pure function of the pipeline and the effective rollout. */
class DesiredChildrenTest {

  private static PipelineModel model(EmbeddingPipeline pipeline, EffectiveRollout effective) {
    pipeline.getMetadata().setUid("uid-1");
    return PipelineModel.of(pipeline, effective);
  }

  @Test
  void appliesApiDefaultsForResourcesPortsAndProbes() {
    EmbeddingPipeline minimal = Fixtures.minimal();
    PipelineModel model = model(minimal, EffectiveRollout.fromSpec(minimal.getSpec()));
    Deployment worker = Deployments.deployment(model, Component.WORKER);
    var container = worker.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getResources().getRequests())
        .containsEntry("cpu", new Quantity("250m")).containsEntry("memory", new Quantity("256Mi"));
    assertThat(container.getResources().getLimits())
        .containsEntry("cpu", new Quantity("500m")).containsEntry("memory", new Quantity("512Mi"));
    assertThat(container.getPorts()).extracting("name", "containerPort")
        .containsExactly(org.assertj.core.groups.Tuple.tuple("health", 8080), org.assertj.core.groups.Tuple.tuple("metrics", 9091));
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("health");
    assertThat(worker.getSpec().getReplicas()).isEqualTo(1);
    assertThat(new Autoscalers().desired(model)).isEmpty();
  }

  @Test
  void aScaleWorkersOverrideFixesTheWorkerCountAndRemovesItsHpa() {
    EmbeddingPipeline pipeline = Fixtures.paperless();
    EffectiveRollout spec = EffectiveRollout.fromSpec(pipeline.getSpec());
    EffectiveRollout stopped = new EffectiveRollout(spec.flags(), spec.rateLimitProfile(), spec.appImage(),
        spec.workerImage(), Optional.of(0));
    PipelineModel model = model(pipeline, stopped);

    assertThat(Deployments.deployment(model, Component.WORKER).getSpec().getReplicas()).isZero();
    assertThat(new Autoscalers().desired(model)).extracting(h -> h.getMetadata().getName())
        .containsExactly("paperless-maverick-app");
  }

  @Test
  void aZeroLeftByAnEndedScaleWorkersOverrideIsRaisedToMinOnceThenTheAutoscalerOwnsTheCount() {
    EmbeddingPipeline pipeline = Fixtures.paperless();
    EffectiveRollout running = EffectiveRollout.fromSpec(pipeline.getSpec());
    EffectiveRollout stopped = new EffectiveRollout(running.flags(), running.rateLimitProfile(), running.appImage(),
        running.workerImage(), Optional.of(0));
    Deployments deployments = new Deployments();
    // what the override left on the cluster: its marker and 0 replicas
    Deployment left = Deployments.deployment(model(pipeline, stopped), Component.WORKER);
    assertThat(left.getMetadata().getAnnotations()).containsEntry(Deployments.ANNOTATION_REPLICAS_OVERRIDE, "0");

    PipelineModel ended = model(pipeline, running);
    Deployment raised = Deployments.deployment(ended, Component.WORKER);
    deployments.preserve(ended, left, raised);
    assertThat(raised.getSpec().getReplicas()).as("replicas.min after the override").isEqualTo(2);
    assertThat(raised.getMetadata().getAnnotations()).doesNotContainKey(Deployments.ANNOTATION_REPLICAS_OVERRIDE);

    // once raised (no marker any more), the autoscaler's count stays, even 0
    Deployment scaledByHpa = Deployments.deployment(ended, Component.WORKER);
    scaledByHpa.getSpec().setReplicas(0);
    Deployment next = Deployments.deployment(ended, Component.WORKER);
    deployments.preserve(ended, scaledByHpa, next);
    assertThat(next.getSpec().getReplicas()).isZero();

    // a count above 0 left by ScaleWorkers{n} is the autoscaler's to change
    Deployment leftFive = Deployments.deployment(model(pipeline, stopped), Component.WORKER);
    leftFive.getSpec().setReplicas(5);
    Deployment keeps = Deployments.deployment(ended, Component.WORKER);
    deployments.preserve(ended, leftFive, keeps);
    assertThat(keeps.getSpec().getReplicas()).isEqualTo(5);

    // while the override holds, the count is the override's
    PipelineModel holding = model(pipeline, stopped);
    Deployment held = Deployments.deployment(holding, Component.WORKER);
    deployments.preserve(holding, left, held);
    assertThat(held.getSpec().getReplicas()).isZero();
  }

  @Test
  void theFlagsHashAnnotationFollowsTheEffectiveFlagsOnlyWhenRestartOnChange() {
    EmbeddingPipeline pipeline = Fixtures.paperless();
    EffectiveRollout effective = EffectiveRollout.fromSpec(pipeline.getSpec());
    String before = podAnnotation(model(pipeline, effective));
    var flags = effective.flags().stream()
        .map(f -> f.name().equals("embeddingMonitoring") ? new dev.maverick.api.EffectiveFlag(f.name(), false, 10) : f)
        .toList();
    String after = podAnnotation(model(pipeline, new EffectiveRollout(flags, effective.rateLimitProfile(),
        effective.appImage(), effective.workerImage(), Optional.empty())));
    assertThat(before).isNotNull().isNotEqualTo(after);

    var spec = pipeline.getSpec();
    pipeline.setSpec(new dev.maverick.api.EmbeddingPipelineSpec(spec.app(), spec.worker(), spec.featureFlags(),
        spec.rateLimiting(), new FlagDelivery(false), spec.rolloutPolicyRef(), spec.paused()));
    assertThat(podAnnotation(model(pipeline, effective))).isNull();
  }

  @Test
  void theAppHpaCarriesCpuMemoryAndStabilization() {
    EmbeddingPipeline pipeline = Fixtures.paperless();
    List<HorizontalPodAutoscaler> hpas = new Autoscalers().desired(model(pipeline, EffectiveRollout.fromSpec(pipeline.getSpec())));
    var app = hpas.get(0).getSpec();
    assertThat(app.getScaleTargetRef().getName()).isEqualTo("paperless-maverick-app");
    assertThat(app.getMinReplicas()).isEqualTo(3);
    assertThat(app.getMaxReplicas()).isEqualTo(10);
    assertThat(app.getMetrics()).extracting(m -> m.getResource().getName() + "=" + m.getResource().getTarget().getAverageUtilization())
        .containsExactly("cpu=70", "memory=80");
    assertThat(app.getBehavior().getScaleUp().getStabilizationWindowSeconds()).isEqualTo(30);
    var queue = hpas.get(1).getSpec().getMetrics().get(2).getExternal();
    assertThat(queue.getMetric().getName()).isEqualTo("embedding_queue_depth");
    assertThat(queue.getTarget().getAverageValue()).isEqualTo(new Quantity("100"));
  }

  private static String podAnnotation(PipelineModel model) {
    var annotations = Deployments.deployment(model, Component.APP).getSpec().getTemplate().getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get("maverick.dev/flags-hash");
  }
}
