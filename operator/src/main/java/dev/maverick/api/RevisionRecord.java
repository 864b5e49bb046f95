package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One entry of {@code status.revisions}: a distinct (app image, worker image, flags hash, profile)
 * the spec asked for, numbered in the order first seen. {@code flags} are the flags it runs with
 * once all stages are done, kept so that {@code maverick.dev/rollback-to} can restore them exactly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RevisionRecord(
    Long number,
    String appImage,
    String workerImage,
    String flagsHash,
    RateLimitProfile profile,
    String firstSeen,
    RevisionOutcome outcome,
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
