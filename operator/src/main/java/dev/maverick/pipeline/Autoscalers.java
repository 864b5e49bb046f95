package dev.maverick.pipeline;

import dev.maverick.api.Autoscaling;
import dev.maverick.api.ComponentSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The autoscaling/v2 HPAs: cpu and memory utilization, the optional External queue-depth metric,
 * and scale-up/down stabilization. Absent while autoscaling is off, and for the worker while a
 * ScaleWorkers override holds.
 */
public final class Autoscalers implements ChildKind<HorizontalPodAutoscaler> {

  @Override
  public Class<HorizontalPodAutoscaler> type() {
    return HorizontalPodAutoscaler.class;
  }

  @Override
  public List<HorizontalPodAutoscaler> desired(PipelineModel model) {
    return Stream.of(Component.values())
        .filter(model::hpa)
        .map(component -> autoscaler(model, component))
        .toList();
  }

  private static HorizontalPodAutoscaler autoscaler(PipelineModel model, Component component) {
    ComponentSpec spec = component.spec(model.spec());
    Autoscaling scaling = spec.autoscaling();
    String name = ChildNames.of(model.name(), component);
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(model.metadata(name, component))
        .withNewSpec()
          .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
            .withName(component == Component.APP ? model.servingApp() : name).endScaleTargetRef()
          .withMinReplicas(spec.replicas().min())
          .withMaxReplicas(spec.replicas().max())
          .withMetrics(metrics(model.name(), scaling))
          .withNewBehavior()
            .withNewScaleUp().withStabilizationWindowSeconds(scaling.scaleUpStabilizationSeconds()).endScaleUp()
            .withNewScaleDown().withStabilizationWindowSeconds(scaling.scaleDownStabilizationSeconds()).endScaleDown()
          .endBehavior()
        .endSpec()
        .build();
  }

  private static List<MetricSpec> metrics(String pipeline, Autoscaling scaling) {
    List<MetricSpec> metrics = new ArrayList<>();
    metrics.add(utilization("cpu", scaling.cpuUtilization()));
    if (scaling.memoryUtilization() != null) {
      metrics.add(utilization("memory", scaling.memoryUtilization()));
    }
    if (scaling.queueDepth() != null) {
      metrics.add(new MetricSpecBuilder()
          .withType("External")
          .withNewExternal()
            .withNewMetric()
              .withName(scaling.queueDepth().metric())
              .withNewSelector().withMatchLabels(Map.of("pipeline", pipeline)).endSelector()
            .endMetric()
            .withNewTarget()
              .withType("AverageValue")
              .withAverageValue(new Quantity(String.valueOf(scaling.queueDepth().averageValue())))
            .endTarget()
          .endExternal()
          .build());
    }
    return metrics;
  }

  private static MetricSpec utilization(String resource, int percent) {
    return new MetricSpecBuilder()
        .withType("Resource")
        .withNewResource()
          .withName(resource)
          .withNewTarget().withType("Utilization").withAverageUtilization(percent).endTarget()
        .endResource()
        .build();
  }
}
