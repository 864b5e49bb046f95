package dev.maverick.dashboard;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import java.util.List;

/**
 * What the page shows of one pipeline: the resource as cached, its policy (null when it has none
 * or the policy is missing), and this process's history of its evaluations.
 */
record PipelineView(EmbeddingPipeline pipeline, RolloutPolicy policy, List<TriggerSeries> triggers,
    List<StageStart> stageStarts) {

  String namespace() {
    return pipeline.getMetadata().getNamespace();
  }

  String name() {
    return pipeline.getMetadata().getName();
  }
}
