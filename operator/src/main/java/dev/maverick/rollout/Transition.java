package dev.maverick.rollout;

/**
 * A rollout milestone for a Kubernetes Event: {@code StageAdvanced}, {@code RolloutCompleted},
 * {@code RevisionStable}, {@code RolloutRestarted} or {@code StagePromoted}.
 */
public record Transition(String reason, String message) {
  public static final String STAGE_ADVANCED = "StageAdvanced";
  public static final String ROLLOUT_COMPLETED = "RolloutCompleted";
  public static final String REVISION_STABLE = "RevisionStable";
  public static final String ROLLOUT_RESTARTED = "RolloutRestarted";
  public static final String STAGE_PROMOTED = "StagePromoted";
}
