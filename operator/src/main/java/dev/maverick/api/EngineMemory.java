package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/**
 * What the rollout engine remembers of a pipeline between reconciles, so that a restarted operator neither
 * forgets a {@code for} window nor applies an action twice. It is stored in the pipeline's status, beside
 * what users read ({@link EmbeddingPipelineStatus}), as top-level fields of {@code status}: API.md's JSON.
 *
 * @param rolloutGeneration the generation the current stages and overrides belong to
 * @param overrides actions in force until the spec changes or the retry annotation is set
 * @param handledAnnotations manual-control annotation values already acted on, by annotation
 * @param metricsUnavailableSince when trigger metrics first became unreadable, while they are
 * @param cleanSince since when the current revision has finished its stages without a breach
 * @param rolloutSpecHash fingerprint of the spec without {@code paused}: pausing and resuming bumps
 *     the generation but must not restart the rollout
 * @param rolloutSlot the pipeline's place under the policy's maxConcurrentRollouts
 * @param pendingAnnouncements webhook announcements written with their action and not yet delivered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EngineMemory(
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
    @JsonPropertyDescription("Fingerprint of the spec without paused, so that pausing and resuming does not restart the rollout (operator memory).")
    String rolloutSpecHash,
    @JsonPropertyDescription("The pipeline's place under the policy's maxConcurrentRollouts: Queued | Admitted (operator memory).")
    RolloutSlot rolloutSlot,
    @JsonPropertyDescription("Webhook announcements stored with the action they announce and not yet delivered to every webhook of the policy (operator memory): an operator restarted before delivering sends them again, with the same delivery id. At most 20, oldest first.")
    @Size(max = 20)
    List<PendingAnnouncement> pendingAnnouncements) {
  /** A pipeline the engine has not seen yet. */
  public static final EngineMemory NONE = new EngineMemory(null, null, null, null, null, null, null, null);

  /** This memory with these announcements pending. */
  public EngineMemory withPendingAnnouncements(List<PendingAnnouncement> pending) {
    return new EngineMemory(rolloutGeneration, overrides, handledAnnotations, metricsUnavailableSince, cleanSince,
        rolloutSpecHash, rolloutSlot, pending.isEmpty() ? null : List.copyOf(pending));
  }
}
