package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

public record MetricCondition(
    @JsonPropertyDescription("LessThan | LessThanOrEqual | GreaterThan | GreaterThanOrEqual: the condition is value <operator> threshold.")
    @Required ComparisonOperator operator,
    @JsonPropertyDescription("The number the query's value is compared with.")
    @Required Double threshold) {

  /** Whether {@code value} satisfies this condition. */
  public boolean holdsFor(double value) {
    return operator.compare(value, threshold);
  }
}
