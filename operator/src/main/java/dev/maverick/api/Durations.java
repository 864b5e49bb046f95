package dev.maverick.api;

import java.time.Duration;
import java.util.regex.Matcher;

/** Prometheus-style durations such as {@code 30s}, {@code 10m}, {@code 1h30m}, {@code 2d}. */
public final class Durations {
  public static final String PATTERN = "^([0-9]+(ms|s|m|h|d|w))+$";
  private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("([0-9]+)(ms|s|m|h|d|w)");
  private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile(PATTERN);

  private Durations() {}

  /** Parses a duration; throws IllegalArgumentException naming the text when it is malformed. */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration such as 30s, 10m or 1h30m");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      });
    }
    return total;
  }

  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false;
    }
  }
}
