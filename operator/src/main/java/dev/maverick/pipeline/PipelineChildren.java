package dev.maverick.pipeline;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** Every kind of child a pipeline has, in the order they are applied (flags before their readers). */
public final class PipelineChildren {
  public static final List<ChildKind<? extends HasMetadata>> KINDS = List.of(
      new FlagsConfigMaps(), new Deployments(), new Services(), new Autoscalers(), new DisruptionBudgets());

  private PipelineChildren() {}

  /** All desired children; what {@code render} prints and what the reconciler applies. */
  public static List<HasMetadata> desired(PipelineModel model) {
    return KINDS.stream().<HasMetadata>flatMap(kind -> kind.desired(model).stream()).toList();
  }
}
