package dev.maverick.flags;

import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RateLimitValues;
import dev.maverick.api.RateLimiting;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The values of the named rate-limit profiles (API.md's table) and how a profile resolves. */
public final class RateLimitProfiles {

  private static final Map<RateLimitProfile, RateLimitValues> NAMED = new EnumMap<>(Map.of(
      RateLimitProfile.conservative, new RateLimitValues(2, 30, 50_000, 5, 2.0, 60_000),
      RateLimitProfile.balanced, new RateLimitValues(4, 50, 80_000, 8, 1.5, 30_000),
      RateLimitProfile.aggressive, new RateLimitValues(6, 80, 120_000, 12, 1.2, 15_000)));

  private RateLimitProfiles() {}

  /**
   * The six values in force for {@code profile}: a named profile's table values, or for
   * {@code custom} the pipeline's {@code spec.rateLimiting.custom}.
   *
   * @throws IllegalArgumentException when the profile is custom and spec.rateLimiting.custom is
   *     missing or incomplete
   */
  public static RateLimitValues valuesFor(RateLimitProfile profile, RateLimiting rateLimiting) {
    if (profile != RateLimitProfile.custom) {
      return NAMED.get(profile);
    }
    RateLimitValues custom = rateLimiting == null ? null : rateLimiting.custom();
    List<String> missing = missingCustomValues(custom);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("spec.rateLimiting.custom must set " + String.join(", ", missing)
          + " when the rate-limit profile is custom");
    }
    return custom;
  }

  /**
   * The values profile {@code custom} needs that {@code values} (the pipeline's
   * {@code spec.rateLimiting.custom}, null when not set) lacks, in declaration order; empty when all
   * six are set.
   */
  public static List<String> missingCustomValues(RateLimitValues values) {
    List<String> missing = new ArrayList<>();
    if (values == null || values.maxConcurrentRequests() == null) {
      missing.add("maxConcurrentRequests");
    }
    if (values == null || values.requestsPerMinute() == null) {
      missing.add("requestsPerMinute");
    }
    if (values == null || values.tokensPerMinute() == null) {
      missing.add("tokensPerMinute");
    }
    if (values == null || values.burstAllowance() == null) {
      missing.add("burstAllowance");
    }
    if (values == null || values.backoffMultiplier() == null) {
      missing.add("backoffMultiplier");
    }
    if (values == null || values.maxBackoffMs() == null) {
      missing.add("maxBackoffMs");
    }
    return missing;
  }
}
