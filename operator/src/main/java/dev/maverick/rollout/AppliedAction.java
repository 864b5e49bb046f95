package dev.maverick.rollout;

import dev.maverick.api.ActionType;
import java.time.Duration;
import java.time.Instant;

/**
 * An action newly taken by a step, for the caller's Event, notification and metrics.
 *
 * @param trigger the trigger's name, or {@link RolloutEngine#MANUAL_ROLLBACK} /
 *     {@link RolloutEngine#METRICS_UNAVAILABLE}
 * @param reason the Kubernetes Event reason, e.g. {@code FlagDisabled} or {@code ManualRollback}
 * @param windowCompletedAt when the trigger's {@code for} window (or the metrics grace) completed;
 *     for a manual rollback the time the annotation was seen
 */
public record AppliedAction(
    String trigger,
    ActionType type,
    String detail,
    String reason,
    Instant windowCompletedAt,
    Instant appliedAt) {

  /** How long after its window completed the action was applied ({@code maverick_action_delay_seconds}). */
  public Duration delay() {
    return Duration.between(windowCompletedAt, appliedAt);
  }
}
