package dev.maverick.prometheus;

/** The outcome of one instant query: one number, no data (empty or NaN), or a failure. */
public sealed interface QueryResult {

  /** The query yielded exactly one number. */
  record Value(double value) implements QueryResult {}

  /** The query yielded nothing usable (empty result or NaN); never a breach. */
  record NoData(String reason) implements QueryResult {}

  /** The query could not be answered (HTTP, parse, timeout, several series). */
  record Failure(String message) implements QueryResult {}
}
