package dev.maverick.rollout;

import dev.maverick.api.EffectiveFlag;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.RateLimitProfile;
import java.util.List;
import java.util.Optional;

/**
 * Everything the children depend on beyond the spec: the flags, profile and images in force, and
 * a worker replica count forced by ScaleWorkers. Computed from spec, stage and overrides.
 *
 * @param workerReplicasOverride set while ScaleWorkers holds; the worker HPA is removed meanwhile
 */
public record EffectiveRollout(
    List<EffectiveFlag> flags,
    RateLimitProfile rateLimitProfile,
    String appImage,
    String workerImage,
    Optional<Integer> workerReplicasOverride) {

  /** The state of a pipeline without a policy: everything as the spec says. */
  public static EffectiveRollout fromSpec(EmbeddingPipelineSpec spec) {
    List<EffectiveFlag> flags = spec.featureFlags().stream()
        .map(f -> new EffectiveFlag(f.name(), f.isEnabled(), f.rolloutPercentage()))
        .toList();
    return new EffectiveRollout(flags, spec.rateLimiting().profile(), spec.app().image(),
        spec.worker().image(), Optional.empty());
  }
}
