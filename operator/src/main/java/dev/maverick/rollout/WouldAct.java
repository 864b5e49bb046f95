package dev.maverick.rollout;

import java.time.Instant;

/**
 * What an observe-only trigger would have done when its {@code for} window completed: a Normal
 * Event {@code WouldAct}, a webhook marked observe and {@code maverick_would_act_total}; nothing
 * changes. Announced once per breaching streak.
 *
 * @param actions the actions it would have taken, described, e.g. "FullRollback: rolled back to ..."
 */
public record WouldAct(String trigger, String actions, Instant windowCompletedAt) {
  /** The Event reason. */
  public static final String REASON = "WouldAct";
}
