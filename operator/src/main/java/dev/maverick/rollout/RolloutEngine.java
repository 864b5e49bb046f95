package dev.maverick.rollout;

import dev.maverick.api.Action;
import dev.maverick.api.ActionRecord;
import dev.maverick.api.ActionType;
import dev.maverick.api.ActiveOverride;
import dev.maverick.api.AppSpec;
import dev.maverick.api.BlueGreenStatus;
import dev.maverick.api.Durations;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.Gate;
import dev.maverick.api.GateStatus;
import dev.maverick.api.Groups;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.Phase;
import dev.maverick.api.FreezeStatus;
import dev.maverick.api.Revision;
import dev.maverick.api.RevisionRecord;
import dev.maverick.api.RolloutSlot;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.Stage;
import dev.maverick.api.StageStatus;
import dev.maverick.api.Trigger;
import dev.maverick.api.TriggerMode;
import dev.maverick.api.TriggerStatus;
import dev.maverick.prometheus.QueryResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The rollout engine: pure decisions over a pipeline's status (its memory), the policy, the query
 * results of this evaluation and an injected clock. The caller runs the queries {@link #queriesDue}
 * names, calls {@link #step}, writes the returned status and children, and emits Events, metrics and
 * notifications for the returned actions and transitions.
 *
 * <p>Each step, in this order:
 *
 * <ol>
 *   <li><b>Revision.</b> A spec change (new {@code metadata.generation} whose spec differs in more than
 *       {@code paused}) restarts the stages (index 0, started now), clears overrides, trigger streaks
 *       and the clean period. Pausing or resuming keeps the rollout where it is.
 *   <li><b>Manual controls</b>, each distinct annotation value acted on once (remembered in
 *       {@code status.handledAnnotations}), also while paused: {@code maverick.dev/retry} restarts
 *       like a spec change; {@code maverick.dev/rollback} takes a FullRollback (trigger and Event
 *       reason {@code ManualRollback}; nothing new while a manual rollback already holds);
 *       {@code maverick.dev/promote} ends the current stage's pause now (gates still apply);
 *       {@code maverick.dev/rollback-to: N} takes a FullRollback to revision N of
 *       {@code status.revisions} (images, flags, profile; reason {@code ManualRollback}; an unknown N
 *       is only a warning); {@code maverick.dev/abort} takes a FullRollback (reason {@code ManualAbort}).
 *   <li><b>Triggers</b> (only when the step carries their readings): Prometheus {@code for}
 *       semantics. A breach starts a streak ({@code breachingSince} = this evaluation) unless one is
 *       running; any evaluation that does not breach (value not meeting the condition, no data,
 *       failure) ends it. Equal to the threshold breaches only the ...OrEqual operators. The actions
 *       fire at the first evaluation where {@code now - breachingSince >= for} (for 0s: at once),
 *       each becoming an override; a trigger with an override does not fire again until the
 *       overrides are cleared. Paused: values and streaks are still shown, nothing fires. An
 *       {@code Observe} trigger announces a {@link WouldAct} instead, once per streak. A reading below
 *       its {@code minSamples} ends the streak like no data (see {@link Reading}).
 *   <li><b>Metrics unavailable:</b> while at every evaluation at least one trigger is unreadable (no
 *       data or failure; not insufficient samples, not Observe triggers), {@code metricsUnavailableSince}
 *       holds the first such evaluation. Once
 *       that is {@code metricsUnavailableGrace} ago, metrics count as unavailable (condition
 *       MetricsAvailable=False, phase Degraded) and, with {@code onMetricsUnavailable: Rollback}, a
 *       FullRollback fires (trigger {@code MetricsUnavailable}). Missing data never breaches.
 *   <li><b>Rollout slot</b> under {@code maxConcurrentRollouts}: see {@link RolloutSlots}; a queued
 *       pipeline's first stage starts when it is admitted.
 *   <li><b>Blue-green</b> (spec.app.strategy BlueGreen, see {@link BlueGreenRelease}): the app image in
 *       force goes to a preview colour, is gated by prePromotionGates (queried like stage gates) and
 *       switched to; a rollback within scaleDownDelay switches back. While a preview is pending the
 *       stages wait and no revision becomes stable; a new revision's stages start at its switch.
 *   <li><b>Stages</b> (not while paused, queued, {@link Freeze frozen} or while a FullRollback/RevertImages override holds): the
 *       current stage advances when its pause is over (or promoted) and all its gates hold at a
 *       check made after the pause; a gate with no data or a failed query does not hold, and gates
 *       are re-checked every {@code interval}. Stages without gates advance in the same step.
 *       After the last stage, {@code status.stage} is {index: number of stages, name: Complete}.
 *   <li><b>Stable revision:</b> once stages are done, both Deployments are rolled out, no override holds, no trigger breaches,
 *       metrics are available and the pipeline is not paused, {@code cleanSince} starts; after
 *       {@code stableAfter} of that the current revision becomes {@code stableRevision} (not while
 *       frozen: then at the first step after the freeze). {@link RevisionHistory} records it. Without
 *       stages, being done is immediate, so a new pipeline's first revision becomes stable this way.
 * </ol>
 *
 * <p>Flags, profile and images in force: see {@link EffectiveRollout#of}. A policy change does not
 * restart the rollout: the current stage is found again by name (a rollout that was Complete stays
 * complete; a stage that no longer exists keeps its position, capped at the end). The policy must
 * have passed {@link PolicyValidator}; the engine throws IllegalArgumentException on malformed
 * durations. A null policy means no stages and no triggers (defaults for the durations).
 */
public final class RolloutEngine {
  /** Trigger name and Event reason of a rollback requested through the annotation. */
  public static final String MANUAL_ROLLBACK = "ManualRollback";
  /** Trigger name and Event reason of the FullRollback requested through the abort annotation. */
  public static final String MANUAL_ABORT = "ManualAbort";
  /** Trigger name of the FullRollback taken when metrics stay unavailable under Rollback. */
  public static final String METRICS_UNAVAILABLE = "MetricsUnavailable";
  /** {@code status.stage.name} after the last stage. */
  public static final String COMPLETE = "Complete";
  /** How many actions {@code status.actions} keeps. */
  public static final int ACTION_HISTORY = 20;

  private static final Action FULL_ROLLBACK = new Action(ActionType.FullRollback, null, null, null, null);
  private static final RolloutPolicySpec NO_POLICY =
      new RolloutPolicySpec(null, null, null, null, null, null, null, null);

  private final Clock clock;
  private final BiFunction<EmbeddingPipeline, EffectiveRollout, String> flagsHash;

  /**
   * @param flagsHash the hash of the flags a pipeline's children carry in the given effective state
   *     ({@code flagsHash} of the revisions); the flags renderer's, so that revisions and the pod
   *     annotation {@code maverick.dev/flags-hash} agree
   */
  public RolloutEngine(Clock clock, BiFunction<EmbeddingPipeline, EffectiveRollout, String> flagsHash) {
    this.clock = Objects.requireNonNull(clock);
    this.flagsHash = Objects.requireNonNull(flagsHash);
  }

  /**
   * The queries to run before {@link #step}: all triggers when an evaluation is due (every
   * {@code interval}, and early when a breaching trigger's {@code for} window or the metrics grace
   * completes), and the current stage's gates once its pause is over (then every interval).
   */
  public DueQueries queriesDue(EmbeddingPipeline pipeline, RolloutPolicy policy) {
    Instant now = clock.instant();
    Settings settings = Settings.of(policy);
    Memory memory = prepare(pipeline, settings, now, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    boolean paused = pipeline.getSpec().isPaused();
    List<Trigger> triggers = settings.triggersDue(memory, paused, now) ? settings.spec.triggers() : List.of();
    List<Gate> gates = new ArrayList<>(settings.gatesDue(memory, paused, now)
        ? settings.stage(memory.stageIndex).gates() : List.of());
    gates.addAll(BlueGreenRelease.gatesDue(pipeline.getSpec().app(), memory.blueGreen, settings.interval, now));
    return new DueQueries(triggers, gates);
  }

  /**
   * One evaluation (readings present) or re-computation (no readings) of the rollout.
   *
   * @param workloadsReady whether both Deployments are fully rolled out: a revision whose pods never
   *     became ready is no revision to roll back to, so it cannot become stable meanwhile
   */
  public RolloutStep step(EmbeddingPipeline pipeline, RolloutPolicy policy, Readings readings,
      boolean workloadsReady) {
    return step(pipeline, policy, readings, workloadsReady, RolloutSlots.unlimited());
  }

  /** As above, under the policy's {@code maxConcurrentRollouts} as {@code slots} sees it. */
  public RolloutStep step(EmbeddingPipeline pipeline, RolloutPolicy policy, Readings readings,
      boolean workloadsReady, RolloutSlots slots) {
    return step(pipeline, policy, readings, workloadsReady, slots, AppDeployments.none());
  }

  /**
   * As above, with the app's Deployments as they are now, which a blue-green release
   * ({@link BlueGreenRelease}) waits for.
   */
  public RolloutStep step(EmbeddingPipeline pipeline, RolloutPolicy policy, Readings readings,
      boolean workloadsReady, RolloutSlots slots, AppDeployments app) {
    Instant now = clock.instant();
    Settings settings = Settings.of(policy);
    EmbeddingPipelineSpec spec = pipeline.getSpec();
    boolean paused = spec.isPaused();
    List<Transition> transitions = new ArrayList<>();
    List<AppliedAction> applied = new ArrayList<>();
    List<Transition> warnings = new ArrayList<>();
    List<WouldAct> wouldAct = new ArrayList<>();
    Memory memory = prepare(pipeline, settings, now, transitions, applied, warnings);

    boolean evaluation = evaluateTriggers(memory, settings, readings, now);
    boolean metricsUnavailable = settings.metricsUnavailable(memory, now);
    if (evaluation && !paused) {
      fireTriggers(memory, settings, readings, now, applied, wouldAct);
      if (metricsUnavailable && settings.spec.onMetricsUnavailable() == MetricsUnavailablePolicy.Rollback
          && !memory.fired(METRICS_UNAVAILABLE)) {
        Instant graceEnd = memory.metricsUnavailableSince.plus(settings.grace);
        take(memory, METRICS_UNAVAILABLE, FULL_ROLLBACK,
            " (metrics unreadable since " + memory.metricsUnavailableSince + ", grace "
                + settings.spec.metricsUnavailableGrace() + ")",
            graceEnd, now, applied);
      }
    }
    boolean frozen = settings.freeze.frozen(now);
    trackFreeze(memory, settings.freeze.at(now).orElse(null), transitions);
    takeSlot(memory, settings, slots, paused, now, transitions);
    BlueGreenRelease.Outcome release = release(pipeline, memory, settings, readings, app, paused, frozen, now);
    transitions.addAll(release.transitions());
    warnings.addAll(release.warnings());
    if (release.revisionActivated()) {
      memory.stageStartedAt = now; // the stages of a revision start when its colour becomes active
    }
    if (!paused && !memory.rolledBack() && !frozen && memory.slot != RolloutSlot.Queued
        && !release.previewPending()) {
      advanceStages(memory, settings, readings, now, transitions);
      takeSlot(memory, settings, slots, paused, now, transitions);
    }

    EffectiveRollout effective = EffectiveRollout.of(spec, settings.spec.stages(), memory.stageIndex,
        memory.overrides, memory.stable);
    Revision current = effective.revision(flagsHash.apply(pipeline, effective));
    boolean clean = workloadsReady && !release.previewPending()
        && memory.stageIndex == settings.stageCount() && memory.overrides.isEmpty()
        && !metricsUnavailable && !paused && memory.triggers.values().stream().noneMatch(RolloutEngine::breaching);
    if (!clean) {
      memory.cleanSince = null;
    } else {
      if (memory.cleanSince == null) {
        memory.cleanSince = now;
      }
      if (!memory.cleanSince.plus(settings.stableAfter).isAfter(now) && !current.equals(memory.stable) && !frozen) {
        memory.stable = current;
        transitions.add(new Transition(Transition.REVISION_STABLE, "revision is stable: app "
            + current.appImage() + ", worker " + current.workerImage() + ", flags " + current.flagsHash()));
      }
    }

    EffectiveRollout target = EffectiveRollout.of(spec, settings.spec.stages(), settings.stageCount(), List.of(),
        memory.stable);
    memory.revisions = RevisionHistory.update(memory.revisions, target.revision(flagsHash.apply(pipeline, target)),
        memory.stable, memory.rolledBack(), now);

    Optional<Instant> wake = settings.nextWake(memory, spec.app(), paused, current, now);
    Duration requeueAfter = wake.map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO)
        .orElse(settings.interval);
    Optional<String> queuedBecause = Optional.of(slots).filter(s -> memory.slot == RolloutSlot.Queued)
        .map(RolloutSlots::waitingMessage);
    return new RolloutStep(memory.toStatus(pipeline.getStatus(), settings, effective, current),
        effective, applied, transitions, !metricsUnavailable,
        phaseHint(memory, settings, metricsUnavailable, release.previewPending()),
        requeueAfter, wouldAct, warnings, queuedBecause);
  }

  /** The blue-green step over the app image in force (images do not depend on the stage). */
  private static BlueGreenRelease.Outcome release(EmbeddingPipeline pipeline, Memory memory, Settings settings,
      Readings readings, AppDeployments app, boolean paused, boolean frozen, Instant now) {
    EmbeddingPipelineSpec spec = pipeline.getSpec();
    String image = EffectiveRollout.of(spec, settings.spec.stages(), memory.stageIndex, memory.overrides,
        memory.stable).appImage();
    String heldBecause = paused ? "the pipeline is paused"
        : frozen ? "a freeze window is open until " + memory.freeze.until() : null;
    String renderedFlagsHash = Optional.ofNullable(pipeline.getStatus()).map(EmbeddingPipelineStatus::currentRevision)
        .map(Revision::flagsHash).orElse(null);
    BlueGreenRelease.Outcome outcome = BlueGreenRelease.step(new BlueGreenRelease.Input(spec.app(), memory.blueGreen,
        image, memory.rolledBack(), heldBecause, readings, app, renderedFlagsHash, pipeline.getMetadata().getName(),
        now));
    memory.blueGreen = outcome.state();
    return outcome;
  }

  /** Frozen and Unfrozen Events when the policy's freeze begins or ends. */
  private static void trackFreeze(Memory memory, FreezeStatus freeze, List<Transition> transitions) {
    if (freeze != null && memory.freeze == null) {
      transitions.add(new Transition(Transition.FROZEN, "promotions frozen until " + freeze.until()
          + (freeze.reason() == null ? "" : " (" + freeze.reason() + ")") + "; triggers and rollbacks still act"));
    } else if (freeze == null && memory.freeze != null) {
      transitions.add(new Transition(Transition.UNFROZEN, "the freeze ended: promotions resume"));
    }
    memory.freeze = freeze;
  }

  /** The pipeline's rollout slot; a pipeline admitted from the queue starts its current stage now. */
  private static void takeSlot(Memory memory, Settings settings, RolloutSlots slots, boolean paused, Instant now,
      List<Transition> transitions) {
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

  /** Steps 1 and 2: revision change and manual controls; shared by queriesDue and step. */
  private Memory prepare(EmbeddingPipeline pipeline, Settings settings, Instant now,
      List<Transition> transitions, List<AppliedAction> applied, List<Transition> warnings) {
    Memory memory = Memory.from(pipeline.getStatus(), settings);
    Long generation = pipeline.getMetadata().getGeneration();
    String specHash = SpecFingerprint.of(pipeline.getSpec());
    if (memory.generation == null || memory.stageStartedAt == null) {
      memory.restart(now);
    } else if (!Objects.equals(generation, memory.generation) && !specHash.equals(memory.specHash)) {
      memory.restart(now);
      transitions.add(new Transition(Transition.ROLLOUT_RESTARTED,
          "spec changed (generation " + generation + "): stages restart, overrides cleared"));
    }
    memory.generation = generation;
    memory.specHash = specHash;

    Map<String, String> annotations = Optional.ofNullable(pipeline.getMetadata().getAnnotations()).orElse(Map.of());
    String retry = memory.newAnnotationValue(annotations, Groups.ANNOTATION_RETRY);
    if (retry != null) {
      memory.restart(now);
      transitions.add(new Transition(Transition.ROLLOUT_RESTARTED,
          Groups.ANNOTATION_RETRY + "=" + retry + ": stages restart, overrides cleared"));
    }
    String rollback = memory.newAnnotationValue(annotations, Groups.ANNOTATION_ROLLBACK);
    if (rollback != null && !memory.fired(MANUAL_ROLLBACK)) {
      take(memory, MANUAL_ROLLBACK, FULL_ROLLBACK, " (" + Groups.ANNOTATION_ROLLBACK + "=" + rollback + ")", now, now,
          applied);
    }
    if (!annotations.containsKey(Groups.ANNOTATION_ROLLBACK_TO)) {
      // its value is a revision number: removing it lets the same number be used again
      memory.handled.remove(Groups.ANNOTATION_ROLLBACK_TO);
    }
    String rollbackTo = memory.newAnnotationValue(annotations, Groups.ANNOTATION_ROLLBACK_TO);
    if (rollbackTo != null) {
      Optional<RevisionRecord> target = RevisionHistory.find(memory.revisions, rollbackTo);
      if (target.isEmpty()) {
        warnings.add(new Transition(Transition.ROLLBACK_TARGET_UNKNOWN, Groups.ANNOTATION_ROLLBACK_TO + "=" + rollbackTo
            + ": no such revision in status.revisions (numbers: " + RevisionHistory.numbers(memory.revisions)
            + "); nothing changed"));
      } else {
        RevisionRecord r = target.get();
        take(memory, MANUAL_ROLLBACK, FULL_ROLLBACK, r.toRevision(), "rolled back to revision " + r.number() + ": app "
            + r.appImage() + ", worker " + r.workerImage() + ", profile " + r.profile() + " ("
            + Groups.ANNOTATION_ROLLBACK_TO + "=" + rollbackTo + ")", MANUAL_ROLLBACK, now, now, applied);
      }
    }
    String abort = memory.newAnnotationValue(annotations, Groups.ANNOTATION_ABORT);
    if (abort != null && !memory.fired(MANUAL_ABORT)) {
      take(memory, MANUAL_ABORT, FULL_ROLLBACK, " (" + Groups.ANNOTATION_ABORT + "=" + abort + ")", now, now, applied);
    }
    String promote = memory.newAnnotationValue(annotations, Groups.ANNOTATION_PROMOTE);
    if (promote != null && pipeline.getSpec().app().isBlueGreen() && memory.blueGreen != null
        && memory.blueGreen.hasPreview()) {
      // stages wait while a preview is pending, so the annotation can only mean the preview
      memory.blueGreen = BlueGreenRelease.promoted(memory.blueGreen);
      transitions.add(new Transition(Transition.PREVIEW_PROMOTED, Groups.ANNOTATION_PROMOTE + "=" + promote
          + ": preview " + memory.blueGreen.previewColor() + " (" + memory.blueGreen.previewRevision()
          + ") promoted, gates still apply"));
    } else if (promote != null && memory.stageIndex < settings.stageCount() && !settings.pauseOver(memory, now)) {
      memory.promoted = true;
      transitions.add(new Transition(Transition.STAGE_PROMOTED, Groups.ANNOTATION_PROMOTE + "=" + promote
          + ": pause of stage '" + settings.stage(memory.stageIndex).name() + "' ended, gates still apply"));
    }
    return memory;
  }

  /** Records the readings of this evaluation; false when the step carries none. */
  private static boolean evaluateTriggers(Memory memory, Settings settings, Readings readings, Instant now) {
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

  private void fireTriggers(Memory memory, Settings settings, Readings readings, Instant now,
      List<AppliedAction> applied, List<WouldAct> wouldAct) {
    for (Trigger trigger : settings.spec.triggers()) {
      TriggerStatus status = memory.triggers.get(trigger.name());
      boolean observe = trigger.mode() == TriggerMode.Observe;
      if (!readings.triggers().containsKey(trigger.name()) || !breaching(status)
          || (observe ? status.wouldActAt() != null : memory.fired(trigger.name()))) {
        continue;
      }
      Instant windowEnd = Instant.parse(status.breachingSince()).plus(Durations.parse(trigger.forDuration()));
      if (windowEnd.isAfter(now)) {
        continue;
      }
      String cause = " (value " + status.value() + " " + trigger.condition().operator() + " "
          + trigger.condition().threshold() + " for " + trigger.forDuration() + ")";
      if (observe) {
        memory.triggers.put(trigger.name(), new TriggerStatus(status.name(), status.value(), true,
            status.breachingSince(), status.lastEvaluated(), null, null, now.toString()));
        wouldAct.add(new WouldAct(trigger.name(), trigger.actions().stream()
            .map(a -> a.type() + ": " + describe(a, memory.stable)).reduce((a, b) -> a + "; " + b).orElse("")
            + cause, windowEnd));
        continue;
      }
      for (Action action : trigger.actions()) {
        take(memory, trigger.name(), action, cause, windowEnd, now, applied);
      }
    }
  }

  private static void take(Memory memory, String trigger, Action action, String cause, Instant windowEnd,
      Instant now, List<AppliedAction> applied) {
    String reason = MANUAL_ROLLBACK.equals(trigger) || MANUAL_ABORT.equals(trigger) ? trigger : reasonOf(action.type());
    take(memory, trigger, action, null, describe(action, memory.stable) + cause, reason, windowEnd, now, applied);
  }

  /** @param restore the revision a FullRollback returns to instead of the stable one (rollback-to) */
  private static void take(Memory memory, String trigger, Action action, Revision restore, String detail,
      String reason, Instant windowEnd, Instant now, List<AppliedAction> applied) {
    memory.overrides.add(new ActiveOverride(trigger, action, now.toString(), restore));
    memory.actions.add(new ActionRecord(trigger, action.type(), detail, now.toString()));
    while (memory.actions.size() > ACTION_HISTORY) {
      memory.actions.remove(0);
    }
    applied.add(new AppliedAction(trigger, action.type(), detail, reason, windowEnd, now));
  }

  private static void advanceStages(Memory memory, Settings settings, Readings readings, Instant now,
      List<Transition> transitions) {
    // gate readings were asked for the stage current at queriesDue, never for one entered in this step
    boolean gateReadingsApply = true;
    while (memory.stageIndex < settings.stageCount() && settings.pauseOver(memory, now)) {
      Stage stage = settings.stage(memory.stageIndex);
      if (!stage.gates().isEmpty()) {
        boolean allRead = stage.gates().stream().allMatch(g -> readings.gates().containsKey(g.name()));
        if (!gateReadingsApply || !allRead) {
          return;
        }
        memory.gates = stage.gates().stream().map(g -> check(g, readings.gates().get(g.name()),
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

  static GateStatus check(Gate gate, QueryResult result, QueryResult samples, Instant now) {
    Reading reading = Reading.of(result, gate.minSamples(), samples);
    if (!reading.counts()) {
      return new GateStatus(gate.name(), reading.value(), false, now.toString(), reading.problem());
    }
    return new GateStatus(gate.name(), reading.value(), gate.condition().holdsFor(reading.value()), now.toString(),
        null);
  }

  private static Phase phaseHint(Memory memory, Settings settings, boolean metricsUnavailable,
      boolean previewPending) {
    if (memory.rolledBack()) {
      return Phase.RolledBack;
    }
    if (metricsUnavailable || !memory.overrides.isEmpty()) {
      return Phase.Degraded;
    }
    if (memory.slot == RolloutSlot.Queued) {
      return Phase.Queued;
    }
    return memory.stageIndex < settings.stageCount() || previewPending ? Phase.Progressing : Phase.Healthy;
  }

  private static boolean breaching(TriggerStatus status) {
    return status != null && Boolean.TRUE.equals(status.breaching());
  }

  static String reasonOf(ActionType type) {
    return switch (type) {
      case DisableFlag -> "FlagDisabled";
      case SetFlagPercentage -> "FlagPercentageChanged";
      case SetRateLimitProfile -> "RateLimitProfileChanged";
      case ScaleWorkers -> "WorkersScaled";
      case RevertImages -> "ImagesReverted";
      case FullRollback -> "FullRollback";
    };
  }

  private static String describe(Action action, Revision stable) {
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

  /** The policy with its durations parsed, and the timing rules that depend only on it. */
  private static final class Settings {
    final RolloutPolicySpec spec;
    final Duration interval;
    final Duration grace;
    final Duration stableAfter;
    final Freeze freeze;

    private Settings(RolloutPolicySpec spec) {
      this.spec = spec;
      this.interval = Durations.parse(spec.interval());
      this.grace = Durations.parse(spec.metricsUnavailableGrace());
      this.stableAfter = Durations.parse(spec.stableAfter());
      this.freeze = Freeze.of(spec.freeze());
    }

    static Settings of(RolloutPolicy policy) {
      return new Settings(policy == null || policy.getSpec() == null ? NO_POLICY : policy.getSpec());
    }

    int stageCount() {
      return spec.stages().size();
    }

    Stage stage(int index) {
      return spec.stages().get(index);
    }

    String stageName(int index) {
      return index < stageCount() ? stage(index).name() : COMPLETE;
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
      return COMPLETE.equals(stage.name()) ? stageCount() : index;
    }

    Instant pauseEnd(Memory memory) {
      return memory.stageStartedAt.plus(Durations.parse(stage(memory.stageIndex).pause()));
    }

    boolean pauseOver(Memory memory, Instant now) {
      return memory.promoted || !pauseEnd(memory).isAfter(now);
    }

    boolean metricsUnavailable(Memory memory, Instant now) {
      return memory.metricsUnavailableSince != null && !memory.metricsUnavailableSince.plus(grace).isAfter(now);
    }

    /** When the triggers must next be evaluated; null when they never were. */
    Instant nextTriggerEvaluation(Memory memory, boolean paused) {
      if (memory.lastEvaluated == null) {
        return null;
      }
      Instant last = memory.lastEvaluated;
      Stream<Instant> windowEnds = paused ? Stream.empty() : spec.triggers().stream()
          .filter(t -> breaching(memory.triggers.get(t.name())) && !memory.fired(t.name()))
          .map(t -> Instant.parse(memory.triggers.get(t.name()).breachingSince())
              .plus(Durations.parse(t.forDuration())));
      Stream<Instant> graceEnd = Stream.ofNullable(memory.metricsUnavailableSince).map(s -> s.plus(grace));
      return Stream.concat(Stream.of(last.plus(interval)), Stream.concat(windowEnds, graceEnd))
          .filter(at -> at.isAfter(last))
          .min(Instant::compareTo)
          .orElseThrow();
    }

    boolean triggersDue(Memory memory, boolean paused, Instant now) {
      if (spec.triggers().isEmpty()) {
        return false;
      }
      Instant next = nextTriggerEvaluation(memory, paused);
      return next == null || !next.isAfter(now);
    }

    /**
     * When the current stage can next advance: its pause end, then (with gates) every interval after
     * the last gate check; empty while paused, rolled back, done, queued or frozen.
     */
    Optional<Instant> nextStageProgress(Memory memory, boolean paused, Instant now) {
      if (paused || memory.rolledBack() || memory.stageIndex >= stageCount() || memory.slot == RolloutSlot.Queued
          || freeze.frozen(now)) {
        return Optional.empty();
      }
      Instant pauseOverAt = memory.promoted ? memory.stageStartedAt : pauseEnd(memory);
      Optional<Instant> recheck = memory.gates.stream().map(g -> Instant.parse(g.lastEvaluated()))
          .min(Instant::compareTo).map(at -> at.plus(interval));
      return Optional.of(recheck.filter(at -> at.isAfter(pauseOverAt)).orElse(pauseOverAt));
    }

    boolean gatesDue(Memory memory, boolean paused, Instant now) {
      return memory.stageIndex < stageCount() && !stage(memory.stageIndex).gates().isEmpty()
          && pauseOver(memory, now)
          && nextStageProgress(memory, paused, now).map(at -> !at.isAfter(now)).orElse(false);
    }

    /** The earliest moment something can change: the requeue time. */
    Optional<Instant> nextWake(Memory memory, AppSpec app, boolean paused, Revision current, Instant now) {
      List<Instant> candidates = new ArrayList<>();
      if (!spec.triggers().isEmpty()) {
        candidates.add(Optional.ofNullable(nextTriggerEvaluation(memory, paused)).orElse(now));
      }
      nextStageProgress(memory, paused, now).ifPresent(candidates::add);
      if (memory.cleanSince != null && !current.equals(memory.stable) && !freeze.frozen(now)) {
        candidates.add(memory.cleanSince.plus(stableAfter));
      }
      freeze.nextChange(now).ifPresent(candidates::add);
      BlueGreenRelease.wakeUps(app, memory.blueGreen, interval).forEach(candidates::add);
      return candidates.stream().min(Instant::compareTo);
    }
  }

  /** The rollout memory of one pipeline, read from and written back to its status. */
  private static final class Memory {
    Long generation;
    String specHash;
    int stageIndex;
    Instant stageStartedAt;
    boolean promoted;
    List<GateStatus> gates = List.of();
    final Map<String, TriggerStatus> triggers = new LinkedHashMap<>();
    final List<ActiveOverride> overrides = new ArrayList<>();
    final List<ActionRecord> actions = new ArrayList<>();
    final Map<String, String> handled = new TreeMap<>();
    Instant metricsUnavailableSince;
    Instant cleanSince;
    Instant lastEvaluated;
    Revision stable;
    List<RevisionRecord> revisions = List.of();
    FreezeStatus freeze;
    RolloutSlot slot;
    BlueGreenStatus blueGreen;

    static Memory from(EmbeddingPipelineStatus status, Settings settings) {
      Memory memory = new Memory();
      if (status == null) {
        return memory;
      }
      memory.generation = status.rolloutGeneration();
      memory.specHash = status.rolloutSpecHash();
      StageStatus stage = status.stage();
      if (stage != null && stage.index() != null && stage.startedAt() != null) {
        memory.stageIndex = settings.indexOf(stage);
        memory.stageStartedAt = Instant.parse(stage.startedAt());
        memory.promoted = Boolean.TRUE.equals(stage.promoted()) && stage.index() == memory.stageIndex;
        memory.gates = stage.gates() == null || stage.index() != memory.stageIndex ? List.of() : stage.gates();
      }
      if (status.triggers() != null) {
        // statuses of triggers the policy no longer has are dropped: their streaks mean nothing now
        status.triggers().stream()
            .filter(t -> settings.spec.triggers().stream().anyMatch(p -> p.name().equals(t.name())))
            .forEach(t -> memory.triggers.put(t.name(), t));
      }
      Optional.ofNullable(status.overrides()).ifPresent(memory.overrides::addAll);
      Optional.ofNullable(status.actions()).ifPresent(memory.actions::addAll);
      Optional.ofNullable(status.handledAnnotations()).ifPresent(memory.handled::putAll);
      memory.metricsUnavailableSince = instant(status.metricsUnavailableSince());
      memory.cleanSince = instant(status.cleanSince());
      memory.lastEvaluated = instant(status.lastEvaluated());
      memory.stable = status.stableRevision();
      memory.revisions = Optional.ofNullable(status.revisions()).orElse(List.of());
      memory.freeze = status.freeze();
      memory.slot = status.rolloutSlot();
      memory.blueGreen = status.blueGreen();
      return memory;
    }

    /** Back to the first stage of the current spec, without overrides or trigger streaks. */
    void restart(Instant now) {
      stageIndex = 0;
      stageStartedAt = now;
      promoted = false;
      gates = List.of();
      overrides.clear();
      triggers.replaceAll((name, t) -> new TriggerStatus(t.name(), t.value(), false, null, t.lastEvaluated(), t.error()));
      cleanSince = null;
    }

    /** The annotation's value if it is set and not yet acted on; marks it handled. */
    String newAnnotationValue(Map<String, String> annotations, String annotation) {
      String value = annotations.get(annotation);
      if (value == null || value.equals(handled.get(annotation))) {
        return null;
      }
      handled.put(annotation, value);
      return value;
    }

    boolean fired(String trigger) {
      return overrides.stream().anyMatch(o -> trigger.equals(o.trigger()));
    }

    boolean rolledBack() {
      return overrides.stream().anyMatch(o -> o.action().type() == ActionType.FullRollback
          || o.action().type() == ActionType.RevertImages);
    }

    EmbeddingPipelineStatus toStatus(EmbeddingPipelineStatus previous, Settings settings,
        EffectiveRollout effective, Revision current) {
      EmbeddingPipelineStatus base = previous == null ? EmbeddingPipelineStatus.initial() : previous;
      List<TriggerStatus> triggerStatuses = settings.spec.triggers().stream()
          .map(t -> {
            TriggerStatus s = triggers.getOrDefault(t.name(), new TriggerStatus(t.name(), null, false, null, null, null));
            return new TriggerStatus(s.name(), s.value(), s.breaching(), s.breachingSince(), s.lastEvaluated(),
                s.error(), t.mode() == TriggerMode.Observe ? TriggerMode.Observe : null, s.wouldActAt());
          })
          .toList();
      StageStatus stage = new StageStatus(stageIndex, settings.stageName(stageIndex), stageStartedAt.toString(),
          promoted ? Boolean.TRUE : null, gates.isEmpty() ? null : List.copyOf(gates));
      return new EmbeddingPipelineStatus(base.observedGeneration(), base.conditions(), base.phase(), stage,
          effective.state(), stable, current, triggerStatuses, List.copyOf(actions), base.app(), base.worker(),
          generation, List.copyOf(overrides), Collections.unmodifiableMap(new TreeMap<>(handled)),
          text(metricsUnavailableSince), text(cleanSince), text(lastEvaluated), specHash, revisions, freeze, slot,
          stage.name() + (slot == RolloutSlot.Queued ? " (queued)" : "") + (freeze != null ? " (frozen)" : ""),
          base.pendingAnnouncements(), blueGreen);
    }

    private static Instant instant(String text) {
      return text == null ? null : Instant.parse(text);
    }

    private static String text(Instant instant) {
      return instant == null ? null : instant.toString();
    }
  }
}
