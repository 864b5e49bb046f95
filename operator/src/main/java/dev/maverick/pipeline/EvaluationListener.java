package dev.maverick.pipeline;

import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.StageStatus;
import dev.maverick.api.TriggerStatus;
import java.util.List;

/**
 * Told of every evaluation's trigger readings and stage, after the status is stored (e.g. to keep the
 * trigger history the dashboard draws): a reconcile's, and a resting pipeline's quiet tick (stage
 * null: unchanged). Called on reconcile and tick threads: implementations must be quick and
 * thread-safe.
 */
@FunctionalInterface
public interface EvaluationListener {
  EvaluationListener NONE = (namespace, name, policy, triggers, stage) -> {};

  /** {@code policy} is null for a pipeline without a RolloutPolicy; {@code triggers} may be null. */
  void evaluated(String namespace, String name, RolloutPolicy policy, List<TriggerStatus> triggers, StageStatus stage);
}
