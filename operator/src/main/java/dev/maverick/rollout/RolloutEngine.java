package dev.maverick.rollout;

import dev.maverick.api.ByGeneration;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.Phase;
import dev.maverick.api.Revision;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.RolloutSlot;
import dev.maverick.api.TriggerStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

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
 * <p>The steps live by concern: {@link ManualControls}, {@link TriggerDecisions}, {@link StageProgress},
 * timing in {@link RolloutSchedule}, the memory in {@link RolloutMemory}, the parsed policy in
 * {@link PolicySettings} (parsed once per policy generation, see {@link PolicySettingsCache}).
 *
 * <p>Flags, profile and images in force: see {@link EffectiveRollout#of}. A policy change does not
 * restart the rollout: the current stage is found again by name (a rollout that was Complete stays
 * complete; a stage that no longer exists keeps its position, capped at the end). The policy must
 * have passed the policy package's PolicyValidator; the engine throws IllegalArgumentException on
 * malformed durations. A null policy means no stages and no triggers (defaults for the durations).
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
  /**
   * How long a resting pipeline goes at most without a full evaluation (which also refreshes the
   * trigger values in its status).
   */
  public static final Duration RESTING_RECHECK = Duration.ofMinutes(5);

  private final Clock clock;
  private final BiFunction<EmbeddingPipeline, EffectiveRollout, String> flagsHash;
  private final PolicySettingsCache policies = new PolicySettingsCache();
  /** Needed by queriesDue and step alike when a pipeline's generation is new to its status. */
  private final ByGeneration<EmbeddingPipeline, String> specHashes =
      new ByGeneration<>(ByGeneration.PIPELINES, pipeline -> SpecFingerprint.of(pipeline.getSpec()));

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
    PolicySettings settings = policies.settings(policy);
    RolloutMemory memory = prepare(pipeline, settings, now, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    return RolloutSchedule.queriesDue(settings, memory, pipeline.getSpec().app(), pipeline.getSpec().isPaused(), now);
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
    PolicySettings settings = policies.settings(policy);
    EmbeddingPipelineSpec spec = pipeline.getSpec();
    boolean paused = spec.isPaused();
    List<Transition> transitions = new ArrayList<>();
    List<AppliedAction> applied = new ArrayList<>();
    List<Transition> warnings = new ArrayList<>();
    List<WouldAct> wouldAct = new ArrayList<>();
    RolloutMemory memory = prepare(pipeline, settings, now, transitions, applied, warnings);

    boolean evaluation = TriggerDecisions.evaluate(memory, settings, readings, now);
    boolean metricsUnavailable = TriggerDecisions.metricsUnavailable(memory, settings, now);
    if (evaluation && !paused) {
      TriggerDecisions.act(memory, settings, readings, metricsUnavailable, now, applied, wouldAct);
    }
    boolean frozen = settings.freeze.frozen(now);
    StageProgress.trackFreeze(memory, settings.freeze.at(now).orElse(null), transitions);
    StageProgress.takeSlot(memory, settings, slots, paused, now, transitions);
    BlueGreenRelease.Outcome release = release(pipeline, memory, settings, readings, app, paused, frozen, now);
    transitions.addAll(release.transitions());
    warnings.addAll(release.warnings());
    if (release.revisionActivated()) {
      memory.stageStartedAt = now; // the stages of a revision start when its colour becomes active
    }
    if (!paused && !memory.rolledBack() && !frozen && memory.slot != RolloutSlot.Queued
        && !release.previewPending()) {
      StageProgress.advance(memory, settings, readings, now, transitions);
      StageProgress.takeSlot(memory, settings, slots, paused, now, transitions);
    }

    EffectiveRollout effective = EffectiveRollout.of(spec, settings.spec.stages(), memory.stageIndex,
        memory.overrides, memory.stable);
    Revision current = effective.revision(flagsHash.apply(pipeline, effective));
    boolean clean = workloadsReady && !release.previewPending()
        && memory.stageIndex == settings.stageCount() && memory.overrides.isEmpty()
        && !metricsUnavailable && !paused && !memory.anyBreaching();
    trackStability(memory, settings, clean, current, frozen, now, transitions);

    EffectiveRollout target = EffectiveRollout.of(spec, settings.spec.stages(), settings.stageCount(), List.of(),
        memory.stable);
    // at rest the target is what runs: its flags hash is known
    Revision targetRevision = target.equals(effective) ? current : target.revision(flagsHash.apply(pipeline, target));
    memory.revisions = RevisionHistory.update(memory.revisions, targetRevision, memory.stable, memory.rolledBack(),
        now);

    Duration requeueAfter = RolloutSchedule.requeueAfter(settings, memory, spec.app(), paused, current, now);
    Optional<String> queuedBecause = Optional.of(slots).filter(s -> memory.slot == RolloutSlot.Queued)
        .map(RolloutSlots::waitingMessage);
    Optional<Duration> restingFor = settings.restable && TriggerDecisions.atRest(memory, settings)
        ? Optional.of(RolloutSchedule.restingFor(settings, memory, spec.app(), paused, current, now, RESTING_RECHECK))
        : Optional.empty();
    return new RolloutStep(memory.toStatus(pipeline.getStatus(), settings, effective, current),
        effective, applied, transitions, !metricsUnavailable,
        phaseHint(memory, settings, metricsUnavailable, release.previewPending()),
        requeueAfter, wouldAct, warnings, queuedBecause, restingFor);
  }

  /**
   * The evaluation of a resting pipeline (see {@link RolloutStep#restingFor}) from batch readings of
   * its triggers: the trigger statuses {@link #step} would record when the readings change no
   * decision; empty when the pipeline must be evaluated in full.
   */
  public Optional<List<TriggerStatus>> restingReadings(RolloutPolicy policy, Readings readings) {
    return TriggerDecisions.quiet(policies.settings(policy), readings, clock.instant());
  }

  /** Step 8: a clean period of {@code stableAfter} makes the current revision stable (not while frozen). */
  private static void trackStability(RolloutMemory memory, PolicySettings settings, boolean clean, Revision current,
      boolean frozen, Instant now, List<Transition> transitions) {
    if (!clean) {
      memory.cleanSince = null;
      return;
    }
    if (memory.cleanSince == null) {
      memory.cleanSince = now;
    }
    if (!memory.cleanSince.plus(settings.stableAfter).isAfter(now) && !current.equals(memory.stable) && !frozen) {
      memory.stable = current;
      transitions.add(new Transition(Transition.REVISION_STABLE, "revision is stable: app "
          + current.appImage() + ", worker " + current.workerImage() + ", flags " + current.flagsHash()));
    }
  }

  /** The blue-green step over the app image in force (images do not depend on the stage). */
  private static BlueGreenRelease.Outcome release(EmbeddingPipeline pipeline, RolloutMemory memory,
      PolicySettings settings, Readings readings, AppDeployments app, boolean paused, boolean frozen, Instant now) {
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

  /** Steps 1 and 2: revision change and manual controls; shared by queriesDue and step. */
  private RolloutMemory prepare(EmbeddingPipeline pipeline, PolicySettings settings, Instant now,
      List<Transition> transitions, List<AppliedAction> applied, List<Transition> warnings) {
    RolloutMemory memory = RolloutMemory.from(pipeline.getStatus(), settings);
    Long generation = pipeline.getMetadata().getGeneration();
    // a spec change bumps the generation: fingerprinting (a serialization and a hash) is needed only then
    String specHash = Objects.equals(generation, memory.generation) && memory.specHash != null ? memory.specHash
        : specHashes.get(pipeline);
    if (memory.generation == null || memory.stageStartedAt == null) {
      memory.restart(now);
    } else if (!Objects.equals(generation, memory.generation) && !specHash.equals(memory.specHash)) {
      memory.restart(now);
      transitions.add(new Transition(Transition.ROLLOUT_RESTARTED,
          "spec changed (generation " + generation + "): stages restart, overrides cleared"));
    }
    memory.generation = generation;
    memory.specHash = specHash;
    ManualControls.apply(pipeline, memory, settings, now, transitions, applied, warnings);
    return memory;
  }

  private static Phase phaseHint(RolloutMemory memory, PolicySettings settings, boolean metricsUnavailable,
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
}
