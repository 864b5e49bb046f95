package dev.maverick.api;

public enum ComparisonOperator {
  LessThan,
  LessThanOrEqual,
  GreaterThan,
  GreaterThanOrEqual;

  public boolean compare(double value, double threshold) {
    return switch (this) {
      case LessThan -> value < threshold;
      case LessThanOrEqual -> value <= threshold;
      case GreaterThan -> value > threshold;
      case GreaterThanOrEqual -> value >= threshold;
    };
  }
}
