package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.AppSpec;
import dev.maverick.api.Autoscaling;
import dev.maverick.api.AutoscalingEngine;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.QueueDepth;
import dev.maverick.api.Replicas;
import dev.maverick.api.WorkerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the validator says about the ecosystem fields (docs/ecosystem.md). */
class EcosystemValidationTest {
  private static final EmbeddingPipelineSpec EXAMPLE = EcosystemExample.pipeline().getSpec();

  private static List<String> validate(EmbeddingPipelineSpec spec) {
    return PipelineValidator.validate("paperless-maverick", spec);
  }

  private static EmbeddingPipelineSpec withWorkerScaling(Replicas replicas, Autoscaling scaling, boolean policy) {
    WorkerSpec w = EXAMPLE.worker();
    return new EmbeddingPipelineSpec(EXAMPLE.app(), new WorkerSpec(w.image(), replicas, w.ports(), w.probes(),
        w.resources(), w.env(), w.envFrom(), scaling, null, null), EXAMPLE.featureFlags(), EXAMPLE.rateLimiting(),
        EXAMPLE.flagDelivery(), policy ? EXAMPLE.rolloutPolicyRef() : null, null, EXAMPLE.monitoring(),
        EXAMPLE.networkPolicy());
  }

  private static Autoscaling keda(QueueDepth queue) {
    return new Autoscaling(true, 80, null, queue, null, null, AutoscalingEngine.KEDA);
  }

  @Test
  void theExampleIsValid() {
    assertThat(validate(EXAMPLE)).isEmpty();
  }

  @Test
  void kedaNeedsAQueryWithKnownQuotedPlaceholders() {
    assertThat(validate(withWorkerScaling(EXAMPLE.worker().replicas(), keda(new QueueDepth(null, 100)), true)))
        .singleElement().asString().startsWith("spec.worker.autoscaling.queueDepth.query: required");
    assertThat(validate(withWorkerScaling(EXAMPLE.worker().replicas(),
        keda(new QueueDepth(null, 100, "sum(q{pipeline=\"{{pipline}}\"})", null)), true)))
        .singleElement().asString().contains("unknown placeholder {{pipline}}");
  }

  @Test
  void kedaWithoutServerAddressNeedsAPolicy() {
    assertThat(validate(withWorkerScaling(EXAMPLE.worker().replicas(),
        keda(new QueueDepth(null, 100, "sum(q)", null)), false)))
        .singleElement().asString().startsWith("spec.worker.autoscaling.queueDepth.serverAddress: is required");
    assertThat(validate(withWorkerScaling(EXAMPLE.worker().replicas(),
        keda(new QueueDepth(null, 100, "sum(q)", "http://prometheus:9090")), false))).isEmpty();
  }

  @Test
  void kedaMayScaleToZeroOnTheQueueButTheHpaNeedsAMetricName() {
    assertThat(validate(withWorkerScaling(new Replicas(0, 5), keda(new QueueDepth(null, 100, "sum(q)", null)), true)))
        .isEmpty();
    assertThat(validate(withWorkerScaling(new Replicas(0, 5), keda(null), true)))
        .singleElement().asString().startsWith("spec.worker.replicas.min: must be >= 1");
    assertThat(validate(withWorkerScaling(EXAMPLE.worker().replicas(),
        new Autoscaling(true, 80, null, new QueueDepth(null, 100, "sum(q)", null), null, null), true)))
        .singleElement().asString().startsWith("spec.worker.autoscaling.queueDepth.metric: is required with the HPA");
  }

  @Test
  void kedaIsForTheWorkerOnly() {
    AppSpec a = EXAMPLE.app();
    var spec = new EmbeddingPipelineSpec(new AppSpec(a.image(), a.replicas(), a.ports(), a.probes(), a.resources(),
        a.env(), a.envFrom(), new Autoscaling(true, 80, null, null, null, null, AutoscalingEngine.KEDA), null, null, a.ingress()),
        EXAMPLE.worker(), EXAMPLE.featureFlags(), EXAMPLE.rateLimiting(), EXAMPLE.flagDelivery(),
        EXAMPLE.rolloutPolicyRef(), null, EXAMPLE.monitoring(), EXAMPLE.networkPolicy());
    assertThat(validate(spec)).singleElement().asString().startsWith("spec.app.autoscaling.engine: KEDA scales the worker only");
  }
}
