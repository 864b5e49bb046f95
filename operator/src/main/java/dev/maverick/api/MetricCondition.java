package dev.maverick.api;

import io.fabric8.generator.annotation.Required;

public record MetricCondition(@Required ComparisonOperator operator, @Required Double threshold) {

  /** Whether {@code value} satisfies this condition. */
  public boolean holdsFor(double value) {
    return operator.compare(value, threshold);
  }
}
