package dev.maverick.rollout;

import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one {@link RolloutEngine#step}.
 *
 * @param status the pipeline's status with every rollout field replaced (stage, effective,
 *     revisions, triggers, actions, and the memory fields); the other fields (observedGeneration,
 *     conditions, phase, app, worker) are copied unchanged for the caller to set
 * @param effective what the children must follow
 * @param actions actions newly taken in this step, in the order taken
 * @param transitions milestones reached in this step, in order
 * @param metricsAvailable false once some trigger's metric has been unreadable for the grace
 *     (condition {@code MetricsAvailable=False}, phase Degraded)
 * @param phaseHint RolledBack, Degraded, Progressing or Healthy from the rollout's point of view;
 *     the caller combines it with Deployment readiness
 * @param requeueAfter when to call again: the next interval tick, pause end, {@code for} window
 *     completion, metrics grace end, freeze window start or end, or stable-revision promotion,
 *     whichever comes first
 * @param wouldAct observe-only triggers whose window completed in this step
 * @param warnings problems with manual controls for Warning Events (e.g. an unknown rollback-to revision)
 * @param queuedBecause while the pipeline waits for a rollout slot: why, for its condition
 * @param restingFor present while the pipeline rests: every trigger is answered by batch queries,
 *     was read, breaches nowhere and is in no error, and metrics are available. Until a batch
 *     reading says otherwise ({@link RolloutEngine#restingReadings}), only the other wake-ups are
 *     due: this is the time until the earliest of them, at most {@link RolloutEngine#RESTING_RECHECK}
 */
public record RolloutStep(
    EmbeddingPipelineStatus status,
    EffectiveRollout effective,
    List<AppliedAction> actions,
    List<Transition> transitions,
    boolean metricsAvailable,
    Phase phaseHint,
    Duration requeueAfter,
    List<WouldAct> wouldAct,
    List<Transition> warnings,
    Optional<String> queuedBecause,
    Optional<Duration> restingFor) {

  public RolloutStep {
    actions = List.copyOf(actions);
    transitions = List.copyOf(transitions);
    wouldAct = List.copyOf(wouldAct);
    warnings = List.copyOf(warnings);
  }
}
