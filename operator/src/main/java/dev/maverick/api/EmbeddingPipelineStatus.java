package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

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
 * @param pendingAnnouncements webhook announcements written with their action and not yet delivered
 */
@JsonClassDescription("What the operator observed and did; written only by the operator.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingPipelineStatus(
    @JsonPropertyDescription(Descriptions.OBSERVED_GENERATION)
    Long observedGeneration,
    @JsonPropertyDescription(Descriptions.CONDITIONS + "Ready always; Reconciling=True only while converging; Stalled=True only when a person must act (invalid spec, an action in force); MetricsAvailable (with a policy that has triggers): whether trigger metrics can be read; IntegrationsAvailable (with monitoring or featureFlagResource): whether the cluster serves their APIs.")
    List<Condition> conditions,
    @JsonPropertyDescription("Pending (children not ready yet) | Queued (waiting for a maxConcurrentRollouts slot) | Progressing (rolling out) | Healthy | RolledBack (a rollback is in force) | Degraded (another action is in force) | Invalid (spec rejected; see the Stalled condition).")
    Phase phase,
    @JsonPropertyDescription("Where the staged rollout is; absent without stages.")
    StageStatus stage,
    @JsonPropertyDescription("The flags and rate-limit profile in force: spec, then the current stage, then any override.")
    EffectiveState effective,
    @JsonPropertyDescription("The last revision that finished its stages and breached nothing for the policy's stableAfter; rollbacks go back to it.")
    Revision stableRevision,
    @JsonPropertyDescription("The revision running now.")
    Revision currentRevision,
    @JsonPropertyDescription("The last evaluation of each trigger of the policy.")
    List<TriggerStatus> triggers,
    @JsonPropertyDescription("The last 20 actions taken, oldest first.")
    List<ActionRecord> actions,
    @JsonPropertyDescription(Descriptions.REPLICA_STATUS + " <name>-app.")
    ReplicaStatus app,
    @JsonPropertyDescription(Descriptions.REPLICA_STATUS + " <name>-worker.")
    ReplicaStatus worker,
    @JsonPropertyDescription("The metadata.generation the current stages and overrides belong to (operator memory).")
    Long rolloutGeneration,
    @JsonPropertyDescription("Actions in force, until the spec changes or the retry annotation is set (operator memory).")
    List<ActiveOverride> overrides,
    @JsonPropertyDescription("Manual-control annotation values already acted on, by annotation (operator memory).")
    Map<String, String> handledAnnotations,
    @JsonPropertyDescription(Descriptions.TIME + " when trigger metrics became unreadable; absent while they are readable.")
    String metricsUnavailableSince,
    @JsonPropertyDescription(Descriptions.TIME + " since when the current revision has finished its stages without a breach.")
    String cleanSince,
    @JsonPropertyDescription(Descriptions.TIME + " of the last evaluation of the policy's triggers.")
    String lastEvaluated,
    @JsonPropertyDescription("Fingerprint of the spec without paused, so that pausing and resuming does not restart the rollout (operator memory).")
    String rolloutSpecHash,
    @JsonPropertyDescription("The last 10 revisions with their outcome, oldest first; numbers only grow.")
    List<RevisionRecord> revisions,
    @JsonPropertyDescription("Set while a freeze window of the policy is open: no stage advances, no revision becomes stable.")
    FreezeStatus freeze,
    @JsonPropertyDescription("The pipeline's place under the policy's maxConcurrentRollouts: Queued | Admitted (operator memory).")
    RolloutSlot rolloutSlot,
    @JsonPropertyDescription("The stage as the printer column Stage shows it, e.g. internal (frozen).")
    String stageSummary,
    @JsonPropertyDescription("Webhook announcements stored with the action they announce and not yet delivered to every webhook of the policy (operator memory): an operator restarted before delivering sends them again, with the same delivery id. At most 20, oldest first.")
    @Size(max = 20)
    List<PendingAnnouncement> pendingAnnouncements,
    @JsonPropertyDescription("Where a blue-green app stands (spec.app.strategy BlueGreen): active and preview colour, the preview's image, the last switch.")
    BlueGreenStatus blueGreen) {

  /** Without the blue-green state; for code that does not deal with blue-green releases. */
  public EmbeddingPipelineStatus(Long observedGeneration, List<Condition> conditions, Phase phase,
      StageStatus stage, EffectiveState effective, Revision stableRevision, Revision currentRevision,
      List<TriggerStatus> triggers, List<ActionRecord> actions, ReplicaStatus app, ReplicaStatus worker,
      Long rolloutGeneration, List<ActiveOverride> overrides, Map<String, String> handledAnnotations,
      String metricsUnavailableSince, String cleanSince, String lastEvaluated, String rolloutSpecHash,
      List<RevisionRecord> revisions, FreezeStatus freeze, RolloutSlot rolloutSlot, String stageSummary,
      List<PendingAnnouncement> pendingAnnouncements) {
    this(observedGeneration, conditions, phase, stage, effective, stableRevision, currentRevision, triggers,
        actions, app, worker, rolloutGeneration, overrides, handledAnnotations, metricsUnavailableSince,
        cleanSince, lastEvaluated, rolloutSpecHash, revisions, freeze, rolloutSlot, stageSummary,
        pendingAnnouncements, null);
  }

  /** Without the rollout spec fingerprint; for code that does not deal with the rollout memory. */
  public EmbeddingPipelineStatus(Long observedGeneration, List<Condition> conditions, Phase phase,
      StageStatus stage, EffectiveState effective, Revision stableRevision, Revision currentRevision,
      List<TriggerStatus> triggers, List<ActionRecord> actions, ReplicaStatus app, ReplicaStatus worker,
      Long rolloutGeneration, List<ActiveOverride> overrides, Map<String, String> handledAnnotations,
      String metricsUnavailableSince, String cleanSince, String lastEvaluated) {
    this(observedGeneration, conditions, phase, stage, effective, stableRevision, currentRevision, triggers,
        actions, app, worker, rolloutGeneration, overrides, handledAnnotations, metricsUnavailableSince,
        cleanSince, lastEvaluated, null, null, null, null, null, null);
  }

  /** This status with the reconciler's observations replaced and the rollout's memory kept. */
  public EmbeddingPipelineStatus withObservation(Long observedGeneration, List<Condition> conditions, Phase phase,
      ReplicaStatus app, ReplicaStatus worker) {
    return new EmbeddingPipelineStatus(observedGeneration, conditions, phase, stage, effective, stableRevision,
        currentRevision, triggers, actions, app, worker, rolloutGeneration, overrides, handledAnnotations,
        metricsUnavailableSince, cleanSince, lastEvaluated, rolloutSpecHash, revisions, freeze, rolloutSlot,
        stageSummary, pendingAnnouncements, blueGreen);
  }

  /** This status with these announcements pending. */
  public EmbeddingPipelineStatus withPendingAnnouncements(List<PendingAnnouncement> pending) {
    return new EmbeddingPipelineStatus(observedGeneration, conditions, phase, stage, effective, stableRevision,
        currentRevision, triggers, actions, app, worker, rolloutGeneration, overrides, handledAnnotations,
        metricsUnavailableSince, cleanSince, lastEvaluated, rolloutSpecHash, revisions, freeze, rolloutSlot,
        stageSummary, pending.isEmpty() ? null : List.copyOf(pending), blueGreen);
  }

  public static EmbeddingPipelineStatus initial() {
    return new EmbeddingPipelineStatus(-1L, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
  }
}
