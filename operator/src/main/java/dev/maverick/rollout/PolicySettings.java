package dev.maverick.rollout;

import dev.maverick.api.Durations;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.Stage;
import dev.maverick.api.StageStatus;
import dev.maverick.api.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A policy's spec with every duration parsed, and the stage lookups that depend only on it. Immutable,
 * so one instance serves all pipelines of a policy generation (see {@link PolicySettingsCache}).
 */
final class PolicySettings {
  /** A null policy: no stages, no triggers, the default durations. */
  static final PolicySettings NONE =
      new PolicySettings(new RolloutPolicySpec(null, null, null, null, null, null, null, null));

  final RolloutPolicySpec spec;
  final Duration interval;
  final Duration grace;
  final Duration stableAfter;
  final Freeze freeze;
  private final List<Duration> pauses;
  /** Whether a trigger has a batchQuery: its pipelines then evaluate at the policy's {@link IntervalTicks}. */
  final boolean batchedTriggers;
  /**
   * Whether every trigger, with its minSamples, is answered by batch queries: a pipeline of the policy
   * can then rest while its readings change nothing (see {@link RolloutStep#restingFor}).
   */
  final boolean restable;
  /** By value: equal triggers have equal windows, so duplicates need no choice. */
  private final Map<Trigger, Duration> forWindows;

  PolicySettings(RolloutPolicySpec spec) {
    this.spec = spec;
    this.interval = Durations.parse(spec.interval());
    this.grace = Durations.parse(spec.metricsUnavailableGrace());
    this.stableAfter = Durations.parse(spec.stableAfter());
    this.freeze = Freeze.of(spec.freeze());
    this.pauses = spec.stages().stream().map(s -> Durations.parse(s.pause())).toList();
    this.batchedTriggers = spec.triggers().stream().anyMatch(t -> batched(t.batchQuery()));
    this.restable = !interval.isZero() && !spec.triggers().isEmpty() && spec.triggers().stream()
        .allMatch(t -> batched(t.batchQuery()) && (t.minSamples() == null || batched(t.minSamples().batchQuery())));
    this.forWindows = spec.triggers().stream()
        .collect(Collectors.toMap(Function.identity(), t -> Durations.parse(t.forDuration()), (a, b) -> a));
  }

  private static boolean batched(String batchQuery) {
    return batchQuery != null && !batchQuery.isBlank();
  }

  int stageCount() {
    return spec.stages().size();
  }

  Stage stage(int index) {
    return spec.stages().get(index);
  }

  Duration pause(int index) {
    return pauses.get(index);
  }

  /** The trigger's {@code for} window; the trigger is one of {@code spec.triggers()}. */
  Duration forWindow(Trigger trigger) {
    return forWindows.get(trigger);
  }

  String stageName(int index) {
    return index < stageCount() ? stage(index).name() : RolloutEngine.COMPLETE;
  }

  /**
   * The stage the status names in this policy: by index when the name matches there, else by name
   * (the policy was edited), else done when it says Complete, else the index capped at the end.
   */
  int indexOf(StageStatus stage) {
    int index = Math.min(stage.index(), stageCount());
    if (stageName(index).equals(stage.name())) {
      return index;
    }
    for (int i = 0; i < stageCount(); i++) {
      if (stage(i).name().equals(stage.name())) {
        return i;
      }
    }
    return RolloutEngine.COMPLETE.equals(stage.name()) ? stageCount() : index;
  }
}
