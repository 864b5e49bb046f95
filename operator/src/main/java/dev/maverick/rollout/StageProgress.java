package dev.maverick.rollout;

import dev.maverick.api.FreezeStatus;
import dev.maverick.api.GateStatus;
import dev.maverick.api.RolloutSlot;
import dev.maverick.api.Stage;
import java.time.Instant;
import java.util.List;

/**
 * Steps 5 and 7 of {@link RolloutEngine}: stage advancement through pauses and gates, and what holds it
 * (the rollout slot, the freeze).
 */
final class StageProgress {
  private StageProgress() {}

  /** Advances past every stage whose pause is over and whose gates hold at this step's readings. */
  static void advance(RolloutMemory memory, PolicySettings settings, Readings readings, Instant now,
      List<Transition> transitions) {
    // gate readings were asked for the stage current at queriesDue, never for one entered in this step
    boolean gateReadingsApply = true;
    while (memory.stageIndex < settings.stageCount() && RolloutSchedule.pauseOver(settings, memory, now)) {
      Stage stage = settings.stage(memory.stageIndex);
      if (!stage.gates().isEmpty()) {
        boolean allRead = stage.gates().stream().allMatch(g -> readings.gates().containsKey(g.name()));
        if (!gateReadingsApply || !allRead) {
          return;
        }
        memory.gates = stage.gates().stream().map(g -> Reading.gateStatus(g, readings.gates().get(g.name()),
            readings.gateSamples().get(g.name()), now)).toList();
        if (!memory.gates.stream().allMatch(GateStatus::holds)) {
          return;
        }
      }
      gateReadingsApply = false;
      memory.stageIndex++;
      memory.stageStartedAt = now;
      memory.promoted = false;
      memory.gates = List.of();
      if (memory.stageIndex == settings.stageCount()) {
        transitions.add(new Transition(Transition.ROLLOUT_COMPLETED,
            "stage '" + stage.name() + "' passed: all " + settings.stageCount() + " stages done"));
      } else {
        transitions.add(new Transition(Transition.STAGE_ADVANCED, "stage '" + stage.name() + "' passed: stage '"
            + settings.stage(memory.stageIndex).name() + "' (" + (memory.stageIndex + 1) + "/"
            + settings.stageCount() + ") started"));
      }
    }
  }

  /** The pipeline's rollout slot; a pipeline admitted from the queue starts its current stage now. */
  static void takeSlot(RolloutMemory memory, PolicySettings settings, RolloutSlots slots, boolean paused,
      Instant now, List<Transition> transitions) {
    RolloutSlot before = memory.slot;
    memory.slot = slots.next(before, !memory.rolledBack() && memory.stageIndex < settings.stageCount(), paused);
    if (before == RolloutSlot.Queued && memory.slot == RolloutSlot.Held) {
      memory.stageStartedAt = now;
      transitions.add(new Transition(Transition.SLOT_ACQUIRED, "a rollout slot of policy " + slots.policy()
          + " is free: stage '" + settings.stageName(memory.stageIndex) + "' starts"));
    } else if (before != RolloutSlot.Queued && memory.slot == RolloutSlot.Queued) {
      transitions.add(new Transition(Transition.QUEUED, slots.waitingMessage()));
    }
  }

  /** Frozen and Unfrozen Events when the policy's freeze begins or ends. */
  static void trackFreeze(RolloutMemory memory, FreezeStatus freeze, List<Transition> transitions) {
    if (freeze != null && memory.freeze == null) {
      transitions.add(new Transition(Transition.FROZEN, "promotions frozen until " + freeze.until()
          + (freeze.reason() == null ? "" : " (" + freeze.reason() + ")") + "; triggers and rollbacks still act"));
    } else if (freeze == null && memory.freeze != null) {
      transitions.add(new Transition(Transition.UNFROZEN, "the freeze ended: promotions resume"));
    }
    memory.freeze = freeze;
  }
}
