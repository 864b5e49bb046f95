package dev.maverick.pipeline;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** Every kind of child a pipeline has, in the order they are applied (flags before their readers). */
public final class PipelineChildren {
  public static final List<ChildKind<? extends HasMetadata>> KINDS = List.of(
      new FlagsConfigMaps(), new Deployments(), new Services(), new Autoscalers(), new DisruptionBudgets(),
      new Ingresses(), new NetworkPolicies(),
      // after Autoscalers: switching to KEDA deletes the HPA first (KEDA refuses a Deployment another
      // HPA scales); switching back creates the HPA before the ScaledObject goes
      new TriggerAuthentications(), new ScaledObjects(),
      new ServiceMonitors(), new PrometheusRules(), new FeatureFlagResources());

  private PipelineChildren() {}

  /** All desired children; what {@code render} prints and what the reconciler applies. */
  public static List<HasMetadata> desired(PipelineModel model) {
    return KINDS.stream().<HasMetadata>flatMap(kind -> kind.desired(model).stream()).toList();
  }
}
