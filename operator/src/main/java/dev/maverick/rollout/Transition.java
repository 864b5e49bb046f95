package dev.maverick.rollout;

/**
 * A rollout milestone for a Kubernetes Event: {@code StageAdvanced}, {@code RolloutCompleted},
 * {@code RevisionStable}, {@code RolloutRestarted}, {@code StagePromoted}, {@code Frozen},
 * {@code Unfrozen}, {@code Queued} or {@code RolloutSlotAcquired}; or, among a step's warnings,
 * {@code RollbackTargetUnknown}. Blue-green releases ({@link BlueGreenRelease}): {@code PreviewDeployed},
 * {@code PreviewPromoted}, {@code PreviewScaledUp}, {@code Switched}, {@code SwitchedBack},
 * {@code PreviousColorScaledDown}, {@code PreviewRemoved}, {@code StrategyChanged}; among warnings
 * {@code PreviewGateFailed}.
 */
public record Transition(String reason, String message) {
  public static final String STAGE_ADVANCED = "StageAdvanced";
  public static final String ROLLOUT_COMPLETED = "RolloutCompleted";
  public static final String REVISION_STABLE = "RevisionStable";
  public static final String ROLLOUT_RESTARTED = "RolloutRestarted";
  public static final String STAGE_PROMOTED = "StagePromoted";
  public static final String FROZEN = "Frozen";
  public static final String UNFROZEN = "Unfrozen";
  public static final String QUEUED = "Queued";
  public static final String SLOT_ACQUIRED = "RolloutSlotAcquired";
  public static final String ROLLBACK_TARGET_UNKNOWN = "RollbackTargetUnknown";
  public static final String PREVIEW_DEPLOYED = "PreviewDeployed";
  public static final String PREVIEW_PROMOTED = "PreviewPromoted";
  public static final String PREVIEW_SCALED_UP = "PreviewScaledUp";
  public static final String PREVIEW_GATE_FAILED = "PreviewGateFailed";
  public static final String PREVIEW_REMOVED = "PreviewRemoved";
  public static final String SWITCHED = "Switched";
  public static final String SWITCHED_BACK = "SwitchedBack";
  public static final String PREVIOUS_COLOR_SCALED_DOWN = "PreviousColorScaledDown";
  public static final String STRATEGY_CHANGED = "StrategyChanged";
}
