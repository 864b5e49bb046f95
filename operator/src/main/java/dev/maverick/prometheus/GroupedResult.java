package dev.maverick.prometheus;

import java.util.Map;

/** The outcome of an instant query that yields one series per value of a label (a batch query). */
public sealed interface GroupedResult {

  /** One result per label value: a number, no data (NaN) or a failure (several series with that value). */
  record Groups(Map<String, QueryResult> byLabel) implements GroupedResult {
    public Groups {
      byLabel = Map.copyOf(byLabel);
    }
  }

  /** The query could not be answered, or its answer is not a vector grouped by the label. */
  record Failure(String message) implements GroupedResult {}
}
