package dev.maverick.api;

/** What became of a revision in {@code status.revisions}. */
public enum RevisionOutcome {
  /** The revision of the current spec, rolling out or done but not yet stable. */
  Current,
  /** The stable revision: what FullRollback returns to. */
  Stable,
  /** A FullRollback, RevertImages, rollback-to or abort took it out of service. */
  RolledBack,
  /** Replaced by a newer revision (or stable revision) before any rollback. */
  Superseded
}
