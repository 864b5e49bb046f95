package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One entry of {@code status.revisions}: a distinct (app image, worker image, flags hash, profile)
 * the spec asked for, numbered in the order first seen. {@code flags} are the flags it runs with
 * once all stages are done, kept so that {@code maverick.dev/rollback-to} can restore them exactly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RevisionRecord(
    @JsonPropertyDescription("The revision's number; numbers only grow.")
    Long number,
    @JsonPropertyDescription("The app image.")
    String appImage,
    @JsonPropertyDescription("The worker image.")
    String workerImage,
    @JsonPropertyDescription("Hash of the flags the revision runs with after its stages.")
    String flagsHash,
    @JsonPropertyDescription("The rate-limit profile: conservative | balanced | aggressive | custom.")
    RateLimitProfile profile,
    @JsonPropertyDescription(Descriptions.TIME + " the revision was first seen.")
    String firstSeen,
    @JsonPropertyDescription("Current | Stable | RolledBack | Superseded.")
    RevisionOutcome outcome,
    @JsonPropertyDescription("The flags after all stages, restored exactly by maverick.dev/rollback-to.")
    List<EffectiveFlag> flags) {

  /** This record with another outcome. */
  public RevisionRecord withOutcome(RevisionOutcome newOutcome) {
    return new RevisionRecord(number, appImage, workerImage, flagsHash, profile, firstSeen, newOutcome, flags);
  }

  /** As a revision to roll back to. */
  public Revision toRevision() {
    return new Revision(appImage, workerImage, flagsHash, flags, profile);
  }
}
