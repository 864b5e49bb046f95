package dev.maverick.rollout;

import static dev.maverick.rollout.RolloutActions.FULL_ROLLBACK;
import static dev.maverick.rollout.RolloutEngine.METRICS_UNAVAILABLE;

import dev.maverick.api.Action;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.Trigger;
import dev.maverick.api.TriggerMode;
import dev.maverick.api.TriggerStatus;
import dev.maverick.prometheus.QueryResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Steps 3 and 4 of {@link RolloutEngine}: trigger readings with Prometheus {@code for} semantics, the
 * actions of completed windows, and the rollback when metrics stay unavailable.
 */
final class TriggerDecisions {
  private TriggerDecisions() {}

  /** Records the readings of this evaluation; false when the step carries none. */
  static boolean evaluate(RolloutMemory memory, PolicySettings settings, Readings readings, Instant now) {
    if (settings.spec.triggers().isEmpty()) {
      memory.metricsUnavailableSince = null;
      return false;
    }
    if (readings.triggers().isEmpty()) {
      return false;
    }
    boolean unreadable = false;
    for (Trigger trigger : settings.spec.triggers()) {
      QueryResult result = readings.triggers().get(trigger.name());
      if (result == null) {
        continue;
      }
      TriggerStatus previous = memory.triggers.get(trigger.name());
      TriggerStatus evaluated;
      Reading reading = Reading.of(result, trigger.minSamples(), readings.triggerSamples().get(trigger.name()));
      if (!reading.counts()) {
        // an observe-only trigger never acts, so its blindness is no reason for MetricsUnavailable
        unreadable |= reading.unreadable() && trigger.mode() == TriggerMode.Enforce;
        evaluated = new TriggerStatus(trigger.name(), reading.value(), false, null, now.toString(), reading.problem());
      } else if (trigger.condition().holdsFor(reading.value())) {
        boolean running = previous != null && previous.breachingSince() != null;
        evaluated = new TriggerStatus(trigger.name(), reading.value(), true,
            running ? previous.breachingSince() : now.toString(), now.toString(), null, null,
            running ? previous.wouldActAt() : null);
      } else {
        evaluated = new TriggerStatus(trigger.name(), reading.value(), false, null, now.toString(), null);
      }
      memory.triggers.put(trigger.name(), evaluated);
    }
    memory.lastEvaluated = now;
    if (!unreadable) {
      memory.metricsUnavailableSince = null;
    } else if (memory.metricsUnavailableSince == null) {
      memory.metricsUnavailableSince = now;
    }
    return true;
  }

  /** Whether metrics have been unreadable for the whole grace. */
  static boolean metricsUnavailable(RolloutMemory memory, PolicySettings settings, Instant now) {
    return memory.metricsUnavailableSince != null
        && !memory.metricsUnavailableSince.plus(settings.grace).isAfter(now);
  }

  /** The actions of this evaluation (not while paused): completed windows, then metrics unavailability. */
  static void act(RolloutMemory memory, PolicySettings settings, Readings readings, boolean metricsUnavailable,
      Instant now, List<AppliedAction> applied, List<WouldAct> wouldAct) {
    fire(memory, settings, readings, now, applied, wouldAct);
    if (metricsUnavailable && settings.spec.onMetricsUnavailable() == MetricsUnavailablePolicy.Rollback
        && !memory.fired(METRICS_UNAVAILABLE)) {
      Instant graceEnd = memory.metricsUnavailableSince.plus(settings.grace);
      RolloutActions.take(memory, METRICS_UNAVAILABLE, FULL_ROLLBACK,
          " (metrics unreadable since " + memory.metricsUnavailableSince + ", grace "
              + settings.spec.metricsUnavailableGrace() + ")",
          graceEnd, now, applied);
    }
  }

  private static void fire(RolloutMemory memory, PolicySettings settings, Readings readings, Instant now,
      List<AppliedAction> applied, List<WouldAct> wouldAct) {
    for (Trigger trigger : settings.spec.triggers()) {
      TriggerStatus status = memory.triggers.get(trigger.name());
      boolean observe = trigger.mode() == TriggerMode.Observe;
      if (!readings.triggers().containsKey(trigger.name()) || !breaching(status)
          || (observe ? status.wouldActAt() != null : memory.fired(trigger.name()))) {
        continue;
      }
      Instant windowEnd = Instant.parse(status.breachingSince()).plus(settings.forWindow(trigger));
      if (windowEnd.isAfter(now)) {
        continue;
      }
      String cause = " (value " + status.value() + " " + trigger.condition().operator() + " "
          + trigger.condition().threshold() + " for " + trigger.forDuration() + ")";
      if (observe) {
        memory.triggers.put(trigger.name(), new TriggerStatus(status.name(), status.value(), true,
            status.breachingSince(), status.lastEvaluated(), null, null, now.toString()));
        wouldAct.add(new WouldAct(trigger.name(), trigger.actions().stream()
            .map(a -> a.type() + ": " + RolloutActions.describe(a, memory.stable)).reduce((a, b) -> a + "; " + b)
            .orElse("") + cause, windowEnd));
        continue;
      }
      for (Action action : trigger.actions()) {
        RolloutActions.take(memory, trigger.name(), action, cause, windowEnd, now, applied);
      }
    }
  }

  /** Whether every trigger was read, breaches nowhere and is in no error, with metrics available. */
  static boolean atRest(RolloutMemory memory, PolicySettings settings) {
    return memory.metricsUnavailableSince == null && settings.spec.triggers().stream().allMatch(t -> {
      TriggerStatus status = memory.triggers.get(t.name());
      return status != null && status.lastEvaluated() != null && status.error() == null && !breaching(status);
    });
  }

  /**
   * What {@link #evaluate} records for triggers at rest when every reading counts and none meets its
   * condition: then nothing but values and times changes (no streak starts, metrics stay available,
   * nothing fires). Empty when any reading could change a decision.
   */
  static Optional<List<TriggerStatus>> quiet(PolicySettings settings, Readings readings, Instant now) {
    List<TriggerStatus> statuses = new ArrayList<>();
    for (Trigger trigger : settings.spec.triggers()) {
      QueryResult result = readings.triggers().get(trigger.name());
      if (result == null) {
        return Optional.empty();
      }
      Reading reading = Reading.of(result, trigger.minSamples(), readings.triggerSamples().get(trigger.name()));
      if (!reading.counts() || trigger.condition().holdsFor(reading.value())) {
        return Optional.empty();
      }
      statuses.add(new TriggerStatus(trigger.name(), reading.value(), false, null, now.toString(), null,
          trigger.mode() == TriggerMode.Observe ? TriggerMode.Observe : null, null));
    }
    return Optional.of(statuses);
  }

  static boolean breaching(TriggerStatus status) {
    return status != null && Boolean.TRUE.equals(status.breaching());
  }
}
