package dev.maverick.dashboard;

import dev.maverick.api.ComparisonOperator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A trigger's evaluations in primitive arrays (a point costs 17 bytes, not an object per point),
 * oldest first, at most {@code capacity}: the oldest point gives way to a new one. The arrays
 * grow as points come, so a pipeline evaluated rarely holds little. Not thread-safe.
 */
final class PointRing {
  private final int capacity;
  private long[] times;
  private double[] values;
  private boolean[] breaching;
  private int head;
  private int size;
  ComparisonOperator operator;
  double threshold;
  Duration forWindow = Duration.ZERO;

  PointRing(int capacity) {
    this.capacity = capacity;
    int initial = Math.min(16, capacity);
    times = new long[initial];
    values = new double[initial];
    breaching = new boolean[initial];
  }

  /**
   * Adds a point unless it is not newer than the newest one (the same evaluation seen again). A
   * value that is not finite (Prometheus can answer NaN or Inf) cannot be drawn: it counts as no data.
   */
  void add(Instant at, Double value, boolean isBreaching) {
    long millis = at.toEpochMilli();
    if (size > 0 && times[index(size - 1)] >= millis) {
      return;
    }
    if (size == times.length && size < capacity) {
      grow();
    }
    if (size == times.length) {
      head = (head + 1) % times.length;
      size--;
    }
    int slot = index(size);
    times[slot] = millis;
    values[slot] = value == null || !Double.isFinite(value) ? Double.NaN : value;
    breaching[slot] = isBreaching;
    size++;
  }

  /** Drops points older than {@code cutoff}; whether any point is left. */
  boolean evictBefore(Instant cutoff) {
    long millis = cutoff.toEpochMilli();
    while (size > 0 && times[head] < millis) {
      head = (head + 1) % times.length;
      size--;
    }
    return size > 0;
  }

  TriggerSeries series(String trigger) {
    List<TriggerSeries.Point> points = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int slot = index(i);
      points.add(new TriggerSeries.Point(Instant.ofEpochMilli(times[slot]),
          Double.isNaN(values[slot]) ? null : values[slot], breaching[slot]));
    }
    return new TriggerSeries(trigger, operator, threshold, forWindow, points);
  }

  private int index(int offset) {
    return (head + offset) % times.length;
  }

  private void grow() {
    int length = Math.min(capacity, times.length * 2);
    long[] newTimes = new long[length];
    double[] newValues = new double[length];
    boolean[] newBreaching = new boolean[length];
    for (int i = 0; i < size; i++) {
      newTimes[i] = times[index(i)];
      newValues[i] = values[index(i)];
      newBreaching[i] = breaching[index(i)];
    }
    times = newTimes;
    values = newValues;
    breaching = newBreaching;
    head = 0;
  }
}
