package dev.maverick.policy;

import dev.maverick.api.Durations;
import dev.maverick.api.MetricCondition;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Checks of single fields shared by the policy's parts; each adds its problems, naming the path. */
final class FieldChecks {
  private FieldChecks() {}

  static void required(List<String> problems, String path, Object value, String type, String expected) {
    if (value == null || value instanceof String text && text.isBlank()) {
      problems.add(path + ": " + type + " needs " + expected);
    }
  }

  static void percentage(List<String> problems, String path, Integer percentage) {
    if (percentage == null || percentage < 0 || percentage > 100) {
      problems.add(path + ": " + percentage + " is not a percentage from 0 to 100");
    }
  }

  static void condition(List<String> problems, String path, MetricCondition condition) {
    if (condition == null) {
      problems.add(path + ": required, e.g. {operator: GreaterThan, threshold: 0.1}");
      return;
    }
    if (condition.operator() == null) {
      problems.add(path + ".operator: required, one of LessThan, LessThanOrEqual, GreaterThan, GreaterThanOrEqual");
    }
    if (condition.threshold() == null || condition.threshold().isNaN()) {
      problems.add(path + ".threshold: required, a number");
    }
  }

  static Duration duration(List<String> problems, String path, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(path + ": " + e.getMessage());
      return null;
    }
  }

  static <T> void unique(List<String> problems, String path, List<T> items, Function<T, String> name) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String itemName = name.apply(items.get(i));
      if (itemName != null && !seen.add(itemName)) {
        problems.add(path + "[" + i + "].name: '" + itemName + "' is used twice; names must be unique");
      }
    }
  }

  static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
