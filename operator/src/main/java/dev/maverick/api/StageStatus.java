package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * Where the staged rollout is. {@code index} equal to the number of stages means all stages are done.
 *
 * @param promoted the stage's pause was ended early by the promote annotation
 * @param gates the last check of this stage's gates (absent until its pause is over)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageStatus(
    @JsonPropertyDescription("0-based index of the current stage in the policy's stages; equal to their number when all stages are done.")
    Integer index,
    @JsonPropertyDescription("Name of the current stage.")
    String name,
    @JsonPropertyDescription(Descriptions.TIME + " the stage started.")
    String startedAt,
    @JsonPropertyDescription("true: the stage's pause was ended early by the maverick.dev/promote annotation.")
    Boolean promoted,
    @JsonPropertyDescription("The last check of the stage's gates; absent until its pause is over.")
    List<GateStatus> gates) {

  /** Without gate results; for code that only shows where the rollout is. */
  public StageStatus(Integer index, String name, String startedAt, Boolean promoted) {
    this(index, name, startedAt, promoted, null);
  }
}
