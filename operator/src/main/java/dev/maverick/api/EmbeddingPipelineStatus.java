package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

/**
 * What the operator knows of a pipeline. Besides what users read (phase, stage, effective flags,
 * revisions, triggers, actions, replicas), it keeps the rollout's memory here so that a restarted
 * operator neither forgets a {@code for} window nor applies an action twice.
 *
 * @param rolloutGeneration the generation the current stages and overrides belong to
 * @param overrides actions in force until the spec changes or the retry annotation is set
 * @param handledAnnotations manual-control annotation values already acted on, by annotation
 * @param metricsUnavailableSince when trigger metrics first became unreadable, while they are
 * @param cleanSince since when the current revision has finished its stages without a breach
 * @param lastEvaluated when the policy's triggers were last evaluated
 * @param rolloutSpecHash fingerprint of the spec without {@code paused}: pausing and resuming bumps
 *     the generation but must not restart the rollout
 * @param revisions the last 10 revisions, oldest first; numbers only grow
 * @param freeze present while a freeze window of the policy is open
 * @param rolloutSlot the pipeline's place under the policy's maxConcurrentRollouts
 * @param stageSummary the stage as the printer column Stage shows it, e.g. {@code internal (frozen)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingPipelineStatus(
    Long observedGeneration,
    List<Condition> conditions,
    Phase phase,
    StageStatus stage,
    EffectiveState effective,
    Revision stableRevision,
    Revision currentRevision,
    List<TriggerStatus> triggers,
    List<ActionRecord> actions,
    ReplicaStatus app,
    ReplicaStatus worker,
    Long rolloutGeneration,
    List<ActiveOverride> overrides,
    Map<String, String> handledAnnotations,
    String metricsUnavailableSince,
    String cleanSince,
    String lastEvaluated,
    String rolloutSpecHash,
    List<RevisionRecord> revisions,
    FreezeStatus freeze,
    RolloutSlot rolloutSlot,
    String stageSummary) {

  /** Without the rollout spec fingerprint; for code that does not deal with the rollout memory. */
  public EmbeddingPipelineStatus(Long observedGeneration, List<Condition> conditions, Phase phase,
      StageStatus stage, EffectiveState effective, Revision stableRevision, Revision currentRevision,
      List<TriggerStatus> triggers, List<ActionRecord> actions, ReplicaStatus app, ReplicaStatus worker,
      Long rolloutGeneration, List<ActiveOverride> overrides, Map<String, String> handledAnnotations,
      String metricsUnavailableSince, String cleanSince, String lastEvaluated) {
    this(observedGeneration, conditions, phase, stage, effective, stableRevision, currentRevision, triggers,
        actions, app, worker, rolloutGeneration, overrides, handledAnnotations, metricsUnavailableSince,
        cleanSince, lastEvaluated, null, null, null, null, null);
  }

  /** This status with the reconciler's observations replaced and the rollout's memory kept. */
  public EmbeddingPipelineStatus withObservation(Long observedGeneration, List<Condition> conditions, Phase phase,
      ReplicaStatus app, ReplicaStatus worker) {
    return new EmbeddingPipelineStatus(observedGeneration, conditions, phase, stage, effective, stableRevision,
        currentRevision, triggers, actions, app, worker, rolloutGeneration, overrides, handledAnnotations,
        metricsUnavailableSince, cleanSince, lastEvaluated, rolloutSpecHash, revisions, freeze, rolloutSlot,
        stageSummary);
  }

  public static EmbeddingPipelineStatus initial() {
    return new EmbeddingPipelineStatus(-1L, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
  }
}
