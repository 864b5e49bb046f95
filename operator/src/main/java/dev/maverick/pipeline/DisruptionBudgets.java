package dev.maverick.pipeline;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.List;
import java.util.stream.Stream;

/** One PodDisruptionBudget per component, allowing one pod down at a time. */
public final class DisruptionBudgets implements ChildKind<PodDisruptionBudget> {

  @Override
  public Class<PodDisruptionBudget> type() {
    return PodDisruptionBudget.class;
  }

  /** policy/v1 bumps the generation on spec changes only; the disruption controller writes status. */
  @Override
  public boolean generationTracksSpec() {
    return true;
  }

  @Override
  public List<PodDisruptionBudget> desired(PipelineModel model) {
    return Stream.of(Component.values()).map(component -> new PodDisruptionBudgetBuilder()
            .withMetadata(model.metadata(ChildNames.of(model.name(), component), component))
            .withNewSpec()
              .withMaxUnavailable(new IntOrString(1))
              .withNewSelector().withMatchLabels(model.selector(component)).endSelector()
            .endSpec()
            .build())
        .toList();
  }
}
