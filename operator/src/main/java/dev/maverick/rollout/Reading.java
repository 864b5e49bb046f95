package dev.maverick.rollout;

import dev.maverick.api.Gate;
import dev.maverick.api.GateStatus;
import dev.maverick.api.MinSamples;
import dev.maverick.prometheus.QueryResult;
import java.time.Instant;

/**
 * One trigger's or gate's reading, classified: a usable value, unreadable (no data or a failed
 * query: counts toward metrics unavailability), or insufficient samples (fewer than
 * {@code minSamples.threshold}; neither a breach nor a pass, but not an outage either: quiet traffic
 * is no reason to roll back).
 *
 * @param value the main query's number, shown in status also when it does not count
 * @param problem why the reading does not count; null when it does
 */
record Reading(Double value, String problem, boolean insufficientSamples) {

  /**
   * @param samples the answer of {@code minSamples.query}; ignored without minSamples. A sample count
   *     with no data is zero samples; a failed one makes the reading unreadable. Exactly the threshold
   *     is enough.
   */
  static Reading of(QueryResult main, MinSamples minSamples, QueryResult samples) {
    Double value = numberOf(main);
    if (value == null) {
      return new Reading(null, problemOf(main), false);
    }
    if (minSamples == null) {
      return new Reading(value, null, false);
    }
    if (samples instanceof QueryResult.Failure failure) {
      return new Reading(value, "minSamples: " + failure.message(), false);
    }
    Double count = numberOf(samples);
    if (count == null || count < minSamples.threshold()) {
      return new Reading(value, "insufficient samples: " + (count == null ? "no data" : number(count))
          + " < " + number(minSamples.threshold()), true);
    }
    return new Reading(value, null, false);
  }

  /** A gate's check at {@code now}: it holds only on a reading that counts and meets its condition. */
  static GateStatus gateStatus(Gate gate, QueryResult result, QueryResult samples, Instant now) {
    Reading reading = of(result, gate.minSamples(), samples);
    if (!reading.counts()) {
      return new GateStatus(gate.name(), reading.value(), false, now.toString(), reading.problem());
    }
    return new GateStatus(gate.name(), reading.value(), gate.condition().holdsFor(reading.value()), now.toString(),
        null);
  }

  boolean counts() {
    return problem == null;
  }

  boolean unreadable() {
    return problem != null && !insufficientSamples;
  }

  /** The number, or null for no data (NaN included), failures and a missing answer. */
  private static Double numberOf(QueryResult result) {
    return result instanceof QueryResult.Value v && !Double.isNaN(v.value()) ? v.value() : null;
  }

  /** 42 rather than 42.0: sample counts are usually whole. */
  private static String number(double n) {
    return n == Math.rint(n) && Math.abs(n) < 1e15 ? Long.toString((long) n) : Double.toString(n);
  }

  private static String problemOf(QueryResult result) {
    if (result instanceof QueryResult.Failure failure) {
      return failure.message();
    }
    return result instanceof QueryResult.NoData noData ? "no data: " + noData.reason() : "no data: NaN";
  }
}
