package dev.maverick.api;

/** What to do when a trigger's metric cannot be read: Hold never acts on missing data. */
public enum MetricsUnavailablePolicy {
  Hold,
  Rollback
}
