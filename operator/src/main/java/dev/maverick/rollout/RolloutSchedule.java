package dev.maverick.rollout;

import dev.maverick.api.AppSpec;
import dev.maverick.api.Gate;
import dev.maverick.api.Revision;
import dev.maverick.api.RolloutSlot;
import dev.maverick.api.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What is due when: the queries of an evaluation ({@link RolloutEngine#queriesDue}) and the requeue
 * time of a step, from the memory and the policy's durations alone.
 */
final class RolloutSchedule {
  private RolloutSchedule() {}

  static DueQueries queriesDue(PolicySettings settings, RolloutMemory memory, AppSpec app, boolean paused,
      Instant now) {
    List<Trigger> triggers = triggersDue(settings, memory, paused, now) ? settings.spec.triggers() : List.of();
    List<Gate> gates = new ArrayList<>(gatesDue(settings, memory, paused, now)
        ? settings.stage(memory.stageIndex).gates() : List.of());
    gates.addAll(BlueGreenRelease.gatesDue(app, memory.blueGreen, settings.interval, now));
    return new DueQueries(triggers, gates);
  }

  /** How long until the earliest moment something can change; the interval when nothing is pending. */
  static Duration requeueAfter(PolicySettings settings, RolloutMemory memory, AppSpec app, boolean paused,
      Revision current, Instant now) {
    return nextWake(settings, memory, app, paused, current, true, now).map(at -> until(at, now))
        .orElse(settings.interval);
  }

  /** Of a resting pipeline: the time until the earliest wake-up other than a trigger evaluation, capped. */
  static Duration restingFor(PolicySettings settings, RolloutMemory memory, AppSpec app, boolean paused,
      Revision current, Instant now, Duration cap) {
    return nextWake(settings, memory, app, paused, current, false, now).map(at -> until(at, now))
        .filter(duration -> duration.compareTo(cap) < 0).orElse(cap);
  }

  private static Duration until(Instant at, Instant now) {
    return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
  }

  static boolean pauseOver(PolicySettings settings, RolloutMemory memory, Instant now) {
    return memory.promoted || !pauseEnd(settings, memory).isAfter(now);
  }

  private static Instant pauseEnd(PolicySettings settings, RolloutMemory memory) {
    return memory.stageStartedAt.plus(settings.pause(memory.stageIndex));
  }

  /** When the triggers must next be evaluated; null when they never were. */
  private static Instant nextTriggerEvaluation(PolicySettings settings, RolloutMemory memory, boolean paused) {
    if (memory.lastEvaluated == null) {
      return null;
    }
    Instant last = memory.lastEvaluated;
    Stream<Instant> windowEnds = paused ? Stream.empty() : settings.spec.triggers().stream()
        .filter(t -> TriggerDecisions.breaching(memory.triggers.get(t.name())) && !memory.fired(t.name()))
        .map(t -> Instant.parse(memory.triggers.get(t.name()).breachingSince()).plus(settings.forWindow(t)));
    Stream<Instant> graceEnd = Stream.ofNullable(memory.metricsUnavailableSince).map(s -> s.plus(settings.grace));
    Instant nextInterval = settings.batchedTriggers && !settings.interval.isZero()
        ? IntervalTicks.next(last, settings.interval) : last.plus(settings.interval);
    return Stream.concat(Stream.of(nextInterval), Stream.concat(windowEnds, graceEnd))
        .filter(at -> at.isAfter(last))
        .min(Instant::compareTo)
        .orElseThrow();
  }

  private static boolean triggersDue(PolicySettings settings, RolloutMemory memory, boolean paused, Instant now) {
    if (settings.spec.triggers().isEmpty()) {
      return false;
    }
    Instant next = nextTriggerEvaluation(settings, memory, paused);
    return next == null || !next.isAfter(now);
  }

  /**
   * When the current stage can next advance: its pause end, then (with gates) every interval after
   * the last gate check; empty while paused, rolled back, done, queued or frozen.
   */
  private static Optional<Instant> nextStageProgress(PolicySettings settings, RolloutMemory memory, boolean paused,
      Instant now) {
    if (paused || memory.rolledBack() || memory.stageIndex >= settings.stageCount()
        || memory.slot == RolloutSlot.Queued || settings.freeze.frozen(now)) {
      return Optional.empty();
    }
    Instant pauseOverAt = memory.promoted ? memory.stageStartedAt : pauseEnd(settings, memory);
    Optional<Instant> recheck = memory.gates.stream().map(g -> Instant.parse(g.lastEvaluated()))
        .min(Instant::compareTo).map(at -> at.plus(settings.interval));
    return Optional.of(recheck.filter(at -> at.isAfter(pauseOverAt)).orElse(pauseOverAt));
  }

  private static boolean gatesDue(PolicySettings settings, RolloutMemory memory, boolean paused, Instant now) {
    return memory.stageIndex < settings.stageCount() && !settings.stage(memory.stageIndex).gates().isEmpty()
        && pauseOver(settings, memory, now)
        && nextStageProgress(settings, memory, paused, now).map(at -> !at.isAfter(now)).orElse(false);
  }

  /** The earliest moment something can change, trigger evaluations included or not: the requeue time. */
  private static Optional<Instant> nextWake(PolicySettings settings, RolloutMemory memory, AppSpec app,
      boolean paused, Revision current, boolean triggers, Instant now) {
    List<Instant> candidates = new ArrayList<>();
    if (triggers && !settings.spec.triggers().isEmpty()) {
      candidates.add(Optional.ofNullable(nextTriggerEvaluation(settings, memory, paused)).orElse(now));
    }
    nextStageProgress(settings, memory, paused, now).ifPresent(candidates::add);
    if (memory.cleanSince != null && !current.equals(memory.stable) && !settings.freeze.frozen(now)) {
      candidates.add(memory.cleanSince.plus(settings.stableAfter));
    }
    settings.freeze.nextChange(now).ifPresent(candidates::add);
    BlueGreenRelease.wakeUps(app, memory.blueGreen, settings.interval).forEach(candidates::add);
    return candidates.stream().min(Instant::compareTo);
  }
}
