package dev.maverick.rollout;

import dev.maverick.api.Revision;
import dev.maverick.api.RevisionOutcome;
import dev.maverick.api.RevisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code status.revisions}: the last {@value #KEPT} distinct (app image, worker image, flags hash,
 * profile) the spec asked for, each as it runs once all stages are done. Numbers only grow: a new
 * revision gets the highest number so far plus one (the newest entry is never trimmed, so the
 * highest number is always kept), also when it equals an older entry, which it then replaces.
 *
 * <p>Outcomes: the newest is Current, or RolledBack while a rollback holds, or Stable once it is
 * the stable revision; the stable revision is Stable; a Current or Stable entry that is neither any
 * more is Superseded; RolledBack stays.
 */
public final class RevisionHistory {
  /** How many revisions {@code status.revisions} keeps. */
  public static final int KEPT = 10;

  private RevisionHistory() {}

  /**
   * @param target the current spec's revision as it runs after its stages, without overrides
   * @param stable the stable revision, or null
   * @param rolledBack whether a FullRollback or RevertImages holds
   */
  static List<RevisionRecord> update(List<RevisionRecord> previous, Revision target, Revision stable,
      boolean rolledBack, Instant now) {
    List<RevisionRecord> revisions = new ArrayList<>(previous == null ? List.of() : previous);
    if (revisions.isEmpty() || !same(revisions.get(revisions.size() - 1), target)) {
      long number = revisions.stream().mapToLong(RevisionRecord::number).max().orElse(0) + 1;
      revisions.removeIf(r -> same(r, target));
      revisions.add(new RevisionRecord(number, target.appImage(), target.workerImage(), target.flagsHash(),
          target.rateLimitProfile(), now.toString(), RevisionOutcome.Current, target.flags()));
    }
    int newest = revisions.size() - 1;
    for (int i = 0; i < revisions.size(); i++) {
      RevisionRecord r = revisions.get(i);
      boolean isStable = stable != null && same(r, stable);
      RevisionOutcome outcome;
      if (i == newest) {
        outcome = rolledBack ? RevisionOutcome.RolledBack : isStable ? RevisionOutcome.Stable : RevisionOutcome.Current;
      } else if (isStable) {
        outcome = RevisionOutcome.Stable;
      } else {
        outcome = r.outcome() == RevisionOutcome.RolledBack ? RevisionOutcome.RolledBack : RevisionOutcome.Superseded;
      }
      revisions.set(i, r.withOutcome(outcome));
    }
    return List.copyOf(revisions.subList(Math.max(0, revisions.size() - KEPT), revisions.size()));
  }

  /** The revision a {@code maverick.dev/rollback-to} value names. */
  static Optional<RevisionRecord> find(List<RevisionRecord> revisions, String number) {
    return revisions.stream().filter(r -> String.valueOf(r.number()).equals(number.trim())).findFirst();
  }

  /** The numbers of the revisions, for messages: "3, 4, 5". */
  static String numbers(List<RevisionRecord> revisions) {
    return revisions.isEmpty() ? "none"
        : revisions.stream().map(r -> String.valueOf(r.number())).collect(Collectors.joining(", "));
  }

  private static boolean same(RevisionRecord record, Revision revision) {
    return Objects.equals(record.appImage(), revision.appImage())
        && Objects.equals(record.workerImage(), revision.workerImage())
        && Objects.equals(record.flagsHash(), revision.flagsHash())
        && Objects.equals(record.profile(), revision.rateLimitProfile());
  }
}
