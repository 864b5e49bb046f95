package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.FeatureFlag;
import dev.maverick.rollout.EffectiveRollout;
import dev.maverick.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendered flags are kept per pipeline generation and effective state, and always equal a fresh render. */
class FlagsCacheTest {
  private final FlagsCache cache = new FlagsCache();

  /** A fresh object each time, as the informer hands out after every write. */
  private static EmbeddingPipeline pipeline(String uid, Long generation) {
    EmbeddingPipeline pipeline = Fixtures.paperless();
    pipeline.getMetadata().setUid(uid);
    pipeline.getMetadata().setGeneration(generation);
    return pipeline;
  }

  private static EffectiveRollout allOff(EmbeddingPipelineSpec spec) {
    EffectiveRollout fromSpec = EffectiveRollout.fromSpec(spec);
    return new EffectiveRollout(List.of(), fromSpec.rateLimitProfile(), fromSpec.appImage(), fromSpec.workerImage(),
        fromSpec.workerReplicasOverride());
  }

  @Test
  void aGenerationAndStateIsRenderedOnce() {
    EmbeddingPipeline first = pipeline("u1", 1L);
    PipelineModel.Flags rendered = cache.get(first, EffectiveRollout.fromSpec(first.getSpec()));

    EmbeddingPipeline again = pipeline("u1", 1L);
    assertThat(cache.get(again, EffectiveRollout.fromSpec(again.getSpec()))).isSameAs(rendered)
        .isEqualTo(PipelineModel.Flags.of(again, EffectiveRollout.fromSpec(again.getSpec())));
    assertThat(cache.hash(again, EffectiveRollout.fromSpec(again.getSpec())))
        .isEqualTo(PipelineModel.flagsHash(again, EffectiveRollout.fromSpec(again.getSpec())));
  }

  @Test
  void eachEffectiveStateHasItsOwnFlags() {
    EmbeddingPipeline pipeline = pipeline("u1", 1L);
    PipelineModel.Flags asSpecified = cache.get(pipeline, EffectiveRollout.fromSpec(pipeline.getSpec()));
    PipelineModel.Flags off = cache.get(pipeline, allOff(pipeline.getSpec()));

    assertThat(off.hash()).isNotEqualTo(asSpecified.hash());
    assertThat(off).isEqualTo(PipelineModel.Flags.of(pipeline, allOff(pipeline.getSpec())));
    assertThat(cache.get(pipeline, EffectiveRollout.fromSpec(pipeline.getSpec()))).isSameAs(asSpecified);
  }

  @Test
  void aNewGenerationIsRenderedAgain() {
    EmbeddingPipeline first = pipeline("u1", 1L);
    PipelineModel.Flags before = cache.get(first, EffectiveRollout.fromSpec(first.getSpec()));

    EmbeddingPipeline renamedFlag = pipeline("u1", 2L);
    EmbeddingPipelineSpec spec = renamedFlag.getSpec();
    FeatureFlag flag = spec.featureFlags().get(0);
    renamedFlag.setSpec(new EmbeddingPipelineSpec(spec.app(), spec.worker(),
        List.of(new FeatureFlag("renamed", flag.enabled(), flag.rolloutPercentage(), flag.targetTeams(), flag.params())),
        spec.rateLimiting(), spec.flagDelivery(), spec.rolloutPolicyRef(), spec.paused(), spec.monitoring(),
        spec.networkPolicy()));
    PipelineModel.Flags after = cache.get(renamedFlag, EffectiveRollout.fromSpec(renamedFlag.getSpec()));

    assertThat(after).isNotEqualTo(before)
        .isEqualTo(PipelineModel.Flags.of(renamedFlag, EffectiveRollout.fromSpec(renamedFlag.getSpec())));
  }

  @Test
  void aPipelineNotReadFromTheApiServerIsRenderedEveryTime() {
    EmbeddingPipeline withoutUid = pipeline(null, null);
    EffectiveRollout effective = EffectiveRollout.fromSpec(withoutUid.getSpec());

    assertThat(cache.get(withoutUid, effective)).isNotSameAs(cache.get(withoutUid, effective))
        .isEqualTo(PipelineModel.Flags.of(withoutUid, effective));
  }
}
