package dev.maverick.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * Prometheus-style durations such as {@code 30s}, {@code 10m}, {@code 1h30m}, {@code 2d}, at most
 * {@link #MAX} (API.md: every duration is at most 365d; a longer one is invalid, never a crash).
 * The CRDs check the same bound with {@link #MAX_RULE}; {@link #parse} is the validator's and the
 * engine's one reading of a duration.
 */
public final class Durations {
  public static final String PATTERN = "^([0-9]+(ms|s|m|h|d|w))+$";
  public static final Duration MAX = Duration.ofDays(365);
  /** Longest text a duration field accepts: keeps the CEL rule's cost small, and 64 characters are plenty. */
  public static final int MAX_LENGTH = 64;
  /**
   * {@link #MAX} as a CEL rule on a duration string, with the API server's regex ({@code findAll})
   * and list ({@code sum}) libraries: the parts in milliseconds, summed as doubles so that no
   * number can overflow.
   */
  public static final String MAX_RULE = "self.findAll('[0-9]+(ms|s|m|h|d|w)').map(p, "
      + "double(p.substring(0, size(p) - (p.endsWith('ms') ? 2 : 1))) * (p.endsWith('ms') ? 1.0"
      + " : p.endsWith('s') ? 1000.0 : p.endsWith('m') ? 60000.0 : p.endsWith('h') ? 3600000.0"
      + " : p.endsWith('d') ? 86400000.0 : 604800000.0)).sum() <= 31536000000.0";
  public static final String MAX_MESSAGE = "must be at most 365d";
  private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("([0-9]+)(ms|s|m|h|d|w)");
  private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile(PATTERN);
  /**
   * Far more distinct durations than the policies of a cluster hold; past it the memo starts over,
   * so text from ever-changing specs cannot grow it without bound.
   */
  static final int MEMO_ENTRIES = 1024;
  /**
   * Valid durations already read: the engine, the resting pipelines' ticks and the dashboard read
   * the same few policy fields for every pipeline at every tick, and each reading by regex allocated
   * about 10 KiB (measured at 10,000 pipelines: a quarter of the steady state's allocation).
   */
  private static final Map<String, Duration> MEMO = new ConcurrentHashMap<>();

  private Durations() {}

  /**
   * Parses a duration; throws IllegalArgumentException naming the text when it is malformed,
   * longer than {@link #MAX_LENGTH} characters (as the CRD's maxLength) or longer than {@link #MAX}.
   */
  public static Duration parse(String text) {
    Duration known = text == null ? null : MEMO.get(text);
    if (known != null) {
      return known;
    }
    Duration parsed = read(text);
    if (MEMO.size() >= MEMO_ENTRIES) {
      MEMO.clear();
    }
    MEMO.put(text, parsed);
    return parsed;
  }

  private static Duration read(String text) {
    if (text != null && text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("'" + shown(text) + "' is longer than " + MAX_LENGTH
          + " characters; write a duration such as 30s, 10m or 1h30m, at most 365d");
    }
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + shown(text) + "' is not a duration such as 30s, 10m or 1h30m");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      total = total.plus(part(text, m.group(1), m.group(2)));
      if (total.compareTo(MAX) > 0) {
        throw tooLong(text);
      }
    }
    return total;
  }

  private static Duration part(String text, String digits, String unit) {
    // a part above MAX on its own also fails here, before any arithmetic could overflow
    String significant = digits.replaceFirst("^0+(?=.)", "");
    if (significant.length() > 12) {
      throw tooLong(text);
    }
    long n = Long.parseLong(significant);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  private static IllegalArgumentException tooLong(String text) {
    return new IllegalArgumentException("'" + shown(text) + "' is longer than the maximum of 365d");
  }

  /** The text as shown in a message: a huge one is cut, so no status or Event grows with it. */
  private static String shown(String text) {
    return text != null && text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
  }

  static int memoSize() {
    return MEMO.size();
  }

  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
