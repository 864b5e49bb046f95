package dev.maverick.pipeline;

import dev.maverick.api.ByGeneration;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.rollout.EffectiveRollout;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rendered flags of each pipeline, per effective state, for the generation last seen. Every
 * reconcile needs them up to three times (the engine's current and target revisions, the model),
 * while they only change with the spec or the effective state; rendering and hashing them was 7% of
 * the Java samples of converging 1,000 pipelines. The model applied last keeps the same data, so
 * the cache holds little of its own.
 */
final class FlagsCache {
  /** The current and the target state of a staged rollout, and the states a step moves between. */
  private static final int MAX_STATES = 4;

  private final ByGeneration<EmbeddingPipeline, Map<EffectiveRollout, PipelineModel.Flags>> byGeneration =
      new ByGeneration<>(ByGeneration.PIPELINES, pipeline -> new ConcurrentHashMap<>());

  PipelineModel.Flags get(EmbeddingPipeline pipeline, EffectiveRollout effective) {
    Map<EffectiveRollout, PipelineModel.Flags> states = byGeneration.get(pipeline);
    PipelineModel.Flags flags = states.get(effective);
    if (flags == null) {
      flags = PipelineModel.Flags.of(pipeline, effective);
      if (states.size() >= MAX_STATES) {
        states.clear();
      }
      states.put(effective, flags);
    }
    return flags;
  }

  /** The hash of {@link #get}: each revision's {@code flagsHash}, for the rollout engine. */
  String hash(EmbeddingPipeline pipeline, EffectiveRollout effective) {
    return get(pipeline, effective).hash();
  }
}
