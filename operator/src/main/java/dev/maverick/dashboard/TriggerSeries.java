package dev.maverick.dashboard;

import dev.maverick.api.ComparisonOperator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One trigger's recent evaluations and its condition as last seen in the policy.
 *
 * @param points oldest first
 */
public record TriggerSeries(String trigger, ComparisonOperator operator, double threshold, Duration forWindow,
    List<Point> points) {

  public TriggerSeries {
    points = List.copyOf(points);
  }

  /**
   * One evaluation.
   *
   * @param value null when the query had no data or failed
   */
  public record Point(Instant at, Double value, boolean breaching) {}
}
