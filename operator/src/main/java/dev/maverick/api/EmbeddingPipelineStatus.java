package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What the operator knows of a pipeline: what users read (phase, stage, effective flags, revisions,
 * triggers, actions, replicas) and, as a type of its own, what the rollout engine remembers between reconciles
 * ({@link EngineMemory}). The JSON is flat: the memory's fields sit beside the others in {@code status}.
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
    @JsonPropertyDescription(Descriptions.TIME + " of the last evaluation of the policy's triggers.")
    String lastEvaluated,
    @JsonPropertyDescription("The last 10 revisions with their outcome, oldest first; numbers only grow.")
    List<RevisionRecord> revisions,
    @JsonPropertyDescription("Set while a freeze window of the policy is open: no stage advances, no revision becomes stable.")
    FreezeStatus freeze,
    @JsonPropertyDescription("The stage as the printer column Stage shows it, e.g. internal (frozen).")
    String stageSummary,
    @JsonPropertyDescription("Where a blue-green app stands (spec.app.strategy BlueGreen): active and preview colour, the preview's image, the last switch.")
    BlueGreenStatus blueGreen,
    @JsonUnwrapped
    EngineMemory memory) {

  public EmbeddingPipelineStatus {
    // absent from JSON when every field is absent, but never null in code
    memory = memory == null ? EngineMemory.NONE : memory;
  }

  /**
   * Reads the flat JSON of API.md: Jackson cannot give an unwrapped part to a record's constructor when
   * fabric8's deserializer modifiers are installed, so the memory's fields are named here.
   */
  @JsonCreator
  static EmbeddingPipelineStatus fromJson(
      @JsonProperty("observedGeneration") Long observedGeneration,
      @JsonProperty("conditions") List<Condition> conditions,
      @JsonProperty("phase") Phase phase,
      @JsonProperty("stage") StageStatus stage,
      @JsonProperty("effective") EffectiveState effective,
      @JsonProperty("stableRevision") Revision stableRevision,
      @JsonProperty("currentRevision") Revision currentRevision,
      @JsonProperty("triggers") List<TriggerStatus> triggers,
      @JsonProperty("actions") List<ActionRecord> actions,
      @JsonProperty("app") ReplicaStatus app,
      @JsonProperty("worker") ReplicaStatus worker,
      @JsonProperty("lastEvaluated") String lastEvaluated,
      @JsonProperty("revisions") List<RevisionRecord> revisions,
      @JsonProperty("freeze") FreezeStatus freeze,
      @JsonProperty("stageSummary") String stageSummary,
      @JsonProperty("blueGreen") BlueGreenStatus blueGreen,
      @JsonProperty("rolloutGeneration") Long rolloutGeneration,
      @JsonProperty("overrides") List<ActiveOverride> overrides,
      @JsonProperty("handledAnnotations") Map<String, String> handledAnnotations,
      @JsonProperty("metricsUnavailableSince") String metricsUnavailableSince,
      @JsonProperty("cleanSince") String cleanSince,
      @JsonProperty("rolloutSpecHash") String rolloutSpecHash,
      @JsonProperty("rolloutSlot") RolloutSlot rolloutSlot,
      @JsonProperty("pendingAnnouncements") List<PendingAnnouncement> pendingAnnouncements) {
    return new EmbeddingPipelineStatus(observedGeneration, conditions, phase, stage, effective, stableRevision,
        currentRevision, triggers, actions, app, worker, lastEvaluated, revisions, freeze, stageSummary, blueGreen,
        new EngineMemory(rolloutGeneration, overrides, handledAnnotations, metricsUnavailableSince, cleanSince,
            rolloutSpecHash, rolloutSlot, pendingAnnouncements));
  }

  /** Without the blue-green state and the engine's memory; for code that deals with neither. */
  public EmbeddingPipelineStatus(Long observedGeneration, List<Condition> conditions, Phase phase,
      StageStatus stage, EffectiveState effective, Revision stableRevision, Revision currentRevision,
      List<TriggerStatus> triggers, List<ActionRecord> actions, ReplicaStatus app, ReplicaStatus worker) {
    this(observedGeneration, conditions, phase, stage, effective, stableRevision, currentRevision, triggers,
        actions, app, worker, null, null, null, null, null, EngineMemory.NONE);
  }

  /** This status with the reconciler's observations replaced and the rollout's state and memory kept. */
  public EmbeddingPipelineStatus withObservation(Long observedGeneration, List<Condition> conditions, Phase phase,
      ReplicaStatus app, ReplicaStatus worker) {
    return new EmbeddingPipelineStatus(observedGeneration, conditions, phase, stage, effective, stableRevision,
        currentRevision, triggers, actions, app, worker, lastEvaluated, revisions, freeze, stageSummary, blueGreen,
        memory);
  }

  /** This status with these announcements pending. */
  public EmbeddingPipelineStatus withPendingAnnouncements(List<PendingAnnouncement> pending) {
    return new EmbeddingPipelineStatus(observedGeneration, conditions, phase, stage, effective, stableRevision,
        currentRevision, triggers, actions, app, worker, lastEvaluated, revisions, freeze, stageSummary, blueGreen,
        memory.withPendingAnnouncements(pending));
  }

  public static EmbeddingPipelineStatus initial() {
    return new EmbeddingPipelineStatus(-1L, null, null, null, null, null, null, null, null, null, null);
  }
}
