package dev.maverick.rollout;

import java.time.Duration;
import java.time.Instant;

/**
 * A policy's ticks: the multiples of its {@code interval} since the epoch. A batch query is answered
 * once per tick for all the policy's pipelines, and those pipelines evaluate their triggers at the
 * ticks, so that each evaluation reads an answer taken at the start of its own tick, not one up to an
 * interval old: a breach is seen within one interval of showing in Prometheus.
 */
public final class IntervalTicks {
  private IntervalTicks() {}

  /** The start of the tick {@code epochMillis} falls in. */
  public static long start(long epochMillis, Duration interval) {
    return Math.floorDiv(epochMillis, interval.toMillis()) * interval.toMillis();
  }

  /** The first tick that starts after {@code moment}. */
  public static Instant next(Instant moment, Duration interval) {
    return Instant.ofEpochMilli(start(moment.toEpochMilli(), interval) + interval.toMillis());
  }

  /**
   * How long a timer set at {@code moment} waits for the next tick, in whole milliseconds and one
   * more: a timer that fires a fraction early would still be in the last tick, whose batch answers are
   * cached.
   */
  public static Duration untilNext(Instant moment, Duration interval) {
    Duration exact = Duration.between(moment, next(moment, interval));
    long millis = exact.toMillis() + (exact.minusMillis(exact.toMillis()).isZero() ? 0 : 1);
    return Duration.ofMillis(millis + 1);
  }
}
