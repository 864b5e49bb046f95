package dev.maverick.rollout;

import dev.maverick.api.ActiveOverride;
import dev.maverick.api.EffectiveFlag;
import dev.maverick.api.EffectiveState;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.FeatureFlag;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.Revision;
import dev.maverick.api.Stage;
import dev.maverick.api.StageFlag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * Spec, then the stage at {@code stageIndex} (equal to {@code stages.size()}: all done), then the
   * overrides in the order they were taken. Flags only stages or overrides name, but the spec lacks,
   * are ignored (the validator reports them).
   *
   * <p>Stages: a flag named by any stage is off (percentage 0) until the first stage that names it;
   * then it is enabled as the spec says, at the latest stage's percentage capped at the spec's. A
   * RevertImages or FullRollback without a stable revision leaves the images as they are; such a
   * FullRollback turns every flag off. A FullRollback with a revision to restore (rollback-to) takes
   * that revision's images, profile and exactly its flags instead of the stable revision's.
   */
  public static EffectiveRollout of(EmbeddingPipelineSpec spec, List<Stage> stages, int stageIndex,
      List<ActiveOverride> overrides, Revision stable) {
    Map<String, EffectiveFlag> flags = new LinkedHashMap<>();
    for (FeatureFlag flag : spec.featureFlags()) {
      flags.put(flag.name(), staged(flag, stages, stageIndex));
    }
    RateLimitProfile profile = spec.rateLimiting().profile();
    String appImage = spec.app().image();
    String workerImage = spec.worker().image();
    Optional<Integer> workerReplicas = Optional.empty();
    for (ActiveOverride override : overrides) {
      var action = override.action();
      switch (action.type()) {
        case DisableFlag -> flags.computeIfPresent(action.flag(),
            (name, f) -> new EffectiveFlag(name, false, f.rolloutPercentage()));
        case SetFlagPercentage -> flags.computeIfPresent(action.flag(),
            (name, f) -> new EffectiveFlag(name, f.enabled(), action.percentage()));
        case SetRateLimitProfile -> profile = action.profile();
        case ScaleWorkers -> workerReplicas = Optional.of(action.replicas());
        case RevertImages -> {
          if (stable != null) {
            appImage = stable.appImage();
            workerImage = stable.workerImage();
          }
        }
        case FullRollback -> {
          Revision target = override.restore() != null ? override.restore() : stable;
          if (target != null) {
            appImage = target.appImage();
            workerImage = target.workerImage();
            profile = target.rateLimitProfile();
            Map<String, EffectiveFlag> targetFlags = new LinkedHashMap<>();
            if (target.flags() != null) {
              target.flags().forEach(f -> targetFlags.put(f.name(), f));
            }
            flags.replaceAll((name, f) -> targetFlags.getOrDefault(name, new EffectiveFlag(name, false, 0)));
            if (override.restore() != null) {
              // exactly the chosen revision's flags, also those the spec has dropped since
              targetFlags.forEach(flags::putIfAbsent);
            }
          } else {
            flags.replaceAll((name, f) -> new EffectiveFlag(name, false, f.rolloutPercentage()));
          }
        }
      }
    }
    return new EffectiveRollout(List.copyOf(flags.values()), profile, appImage, workerImage, workerReplicas);
  }

  private static EffectiveFlag staged(FeatureFlag flag, List<Stage> stages, int stageIndex) {
    EffectiveFlag fromSpec = new EffectiveFlag(flag.name(), flag.isEnabled(), flag.rolloutPercentage());
    if (stageIndex >= stages.size()) {
      return fromSpec;
    }
    boolean named = false;
    Integer percentage = null;
    for (int i = 0; i < stages.size(); i++) {
      for (StageFlag stageFlag : stages.get(i).flags()) {
        if (stageFlag.name().equals(flag.name())) {
          named = true;
          if (i <= stageIndex) {
            percentage = stageFlag.rolloutPercentage();
          }
        }
      }
    }
    if (!named) {
      return fromSpec;
    }
    if (percentage == null) {
      return new EffectiveFlag(flag.name(), false, 0);
    }
    return new EffectiveFlag(flag.name(), flag.isEnabled(), Math.min(percentage, flag.rolloutPercentage()));
  }

  /** The flags and profile as shown in {@code status.effective}. */
  public EffectiveState state() {
    return new EffectiveState(flags, rateLimitProfile);
  }

  /** This state as a revision; {@code flagsHash} is the caller's hash of the effective flags. */
  public Revision revision(String flagsHash) {
    return new Revision(appImage, workerImage, flagsHash, flags, rateLimitProfile);
  }
}
