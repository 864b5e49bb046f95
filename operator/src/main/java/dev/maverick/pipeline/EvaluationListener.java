package dev.maverick.pipeline;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.RolloutPolicy;

/**
 * Told of the rollout status of every reconcile, after it is stored (e.g. to keep the trigger
 * history the dashboard draws). Called on reconcile threads: implementations must be quick and
 * thread-safe.
 */
@FunctionalInterface
public interface EvaluationListener {
  EvaluationListener NONE = (pipeline, policy, status) -> {};

  /** {@code policy} is null for a pipeline without a RolloutPolicy. */
  void evaluated(EmbeddingPipeline pipeline, RolloutPolicy policy, EmbeddingPipelineStatus status);
}
