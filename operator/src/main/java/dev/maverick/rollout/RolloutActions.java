package dev.maverick.rollout;

import static dev.maverick.rollout.RolloutEngine.ACTION_HISTORY;
import static dev.maverick.rollout.RolloutEngine.MANUAL_ABORT;
import static dev.maverick.rollout.RolloutEngine.MANUAL_ROLLBACK;

import dev.maverick.api.Action;
import dev.maverick.api.ActionRecord;
import dev.maverick.api.ActionType;
import dev.maverick.api.ActiveOverride;
import dev.maverick.api.Revision;
import java.time.Instant;
import java.util.List;

/**
 * Taking an action, whoever asks (a trigger, a manual control, metrics unavailability): the override
 * it becomes, its entry in {@code status.actions}, and the {@link AppliedAction} the caller announces.
 */
final class RolloutActions {
  static final Action FULL_ROLLBACK = new Action(ActionType.FullRollback, null, null, null, null);

  private RolloutActions() {}

  static void take(RolloutMemory memory, String trigger, Action action, String cause, Instant windowEnd,
      Instant now, List<AppliedAction> applied) {
    String reason = MANUAL_ROLLBACK.equals(trigger) || MANUAL_ABORT.equals(trigger) ? trigger : reasonOf(action.type());
    take(memory, trigger, action, null, describe(action, memory.stable) + cause, reason, windowEnd, now, applied);
  }

  /** @param restore the revision a FullRollback returns to instead of the stable one (rollback-to) */
  static void take(RolloutMemory memory, String trigger, Action action, Revision restore, String detail,
      String reason, Instant windowEnd, Instant now, List<AppliedAction> applied) {
    memory.overrides.add(new ActiveOverride(trigger, action, now.toString(), restore));
    memory.actions.add(new ActionRecord(trigger, action.type(), detail, now.toString()));
    while (memory.actions.size() > ACTION_HISTORY) {
      memory.actions.remove(0);
    }
    applied.add(new AppliedAction(trigger, action.type(), detail, reason, windowEnd, now));
  }

  private static String reasonOf(ActionType type) {
    return switch (type) {
      case DisableFlag -> "FlagDisabled";
      case SetFlagPercentage -> "FlagPercentageChanged";
      case SetRateLimitProfile -> "RateLimitProfileChanged";
      case ScaleWorkers -> "WorkersScaled";
      case RevertImages -> "ImagesReverted";
      case FullRollback -> "FullRollback";
    };
  }

  static String describe(Action action, Revision stable) {
    return switch (action.type()) {
      case DisableFlag -> "disabled flag " + action.flag();
      case SetFlagPercentage -> "set flag " + action.flag() + " to " + action.percentage() + "%";
      case SetRateLimitProfile -> "switched the rate-limit profile to " + action.profile();
      case ScaleWorkers -> "scaled the workers to " + action.replicas() + " replicas";
      case RevertImages -> stable == null
          ? "no stable revision yet: images not reverted"
          : "reverted images to app " + stable.appImage() + ", worker " + stable.workerImage();
      case FullRollback -> stable == null
          ? "no stable revision yet: all flags off, images unchanged"
          : "rolled back to the stable revision: app " + stable.appImage() + ", worker " + stable.workerImage()
              + ", profile " + stable.rateLimitProfile();
    };
  }
}
