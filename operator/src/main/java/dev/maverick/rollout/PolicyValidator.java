package dev.maverick.rollout;

import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.RolloutPolicySpec;
import java.util.List;

/** TEMPORARY stub until the rollout branch lands. */
public final class PolicyValidator {
  private PolicyValidator() {}

  public static List<String> validate(RolloutPolicySpec spec) {
    return List.of();
  }

  public static List<String> validateFor(RolloutPolicySpec policy, EmbeddingPipelineSpec pipeline) {
    return List.of();
  }
}
