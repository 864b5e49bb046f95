package dev.maverick.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RateLimitValues;
import dev.maverick.api.RateLimiting;
import org.junit.jupiter.api.Test;

class RateLimitProfilesTest {

  @Test
  void namedProfilesHaveTheValuesOfTheApiTable() {
    assertThat(RateLimitProfiles.valuesFor(RateLimitProfile.conservative, RateLimiting.DEFAULT))
        .isEqualTo(new RateLimitValues(2, 30, 50_000, 5, 2.0, 60_000));
    assertThat(RateLimitProfiles.valuesFor(RateLimitProfile.balanced, RateLimiting.DEFAULT))
        .isEqualTo(new RateLimitValues(4, 50, 80_000, 8, 1.5, 30_000));
    assertThat(RateLimitProfiles.valuesFor(RateLimitProfile.aggressive, RateLimiting.DEFAULT))
        .isEqualTo(new RateLimitValues(6, 80, 120_000, 12, 1.2, 15_000));
  }

  @Test
  void namedProfileIgnoresCustomValues() {
    RateLimiting withCustom = new RateLimiting(RateLimitProfile.balanced, new RateLimitValues(1, 1, 1, 1, 1.0, 1));

    assertThat(RateLimitProfiles.valuesFor(RateLimitProfile.aggressive, withCustom).maxConcurrentRequests())
        .isEqualTo(6);
  }

  @Test
  void customProfileTakesTheSpecValues() {
    RateLimitValues custom = new RateLimitValues(3, 40, 60_000, 6, 1.75, 20_000);

    assertThat(RateLimitProfiles.valuesFor(RateLimitProfile.custom, new RateLimiting(RateLimitProfile.custom, custom)))
        .isSameAs(custom);
  }

  @Test
  void customProfileWithoutValuesNamesTheFieldToSet() {
    assertThatThrownBy(() -> RateLimitProfiles.valuesFor(RateLimitProfile.custom, RateLimiting.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spec.rateLimiting.custom must set maxConcurrentRequests, requestsPerMinute, tokensPerMinute, "
            + "burstAllowance, backoffMultiplier, maxBackoffMs when the rate-limit profile is custom");
  }

  @Test
  void incompleteCustomValuesNameTheMissingFields() {
    RateLimiting partial = new RateLimiting(RateLimitProfile.custom, new RateLimitValues(3, 40, 60_000, null, 1.5, null));

    assertThatThrownBy(() -> RateLimitProfiles.valuesFor(RateLimitProfile.custom, partial))
        .hasMessage("spec.rateLimiting.custom must set burstAllowance, maxBackoffMs when the rate-limit profile is custom");
  }
}
