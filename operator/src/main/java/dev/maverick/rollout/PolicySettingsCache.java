package dev.maverick.rollout;

import dev.maverick.api.ByGeneration;
import dev.maverick.api.RolloutPolicy;

/**
 * The parsed settings of each policy, for the generation last seen: every pipeline reads its policy
 * at every tick, while a policy's spec only changes with its {@code metadata.generation}. Entries are
 * immutable, so concurrent reconciles share them.
 */
final class PolicySettingsCache {
  private final ByGeneration<RolloutPolicy, PolicySettings> byGeneration =
      new ByGeneration<>(ByGeneration.POLICIES, policy -> new PolicySettings(policy.getSpec()));

  /** The policy's settings; a null policy, or one without spec, has {@link PolicySettings#NONE}. */
  PolicySettings settings(RolloutPolicy policy) {
    return policy == null || policy.getSpec() == null ? PolicySettings.NONE : byGeneration.get(policy);
  }

  int size() {
    return byGeneration.size();
  }
}
