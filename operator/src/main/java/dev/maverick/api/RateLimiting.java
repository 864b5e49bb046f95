package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.profile) || self.profile != 'custom' || has(self.custom)",
    message = "rateLimiting.profile custom needs the custom values")
public record RateLimiting(RateLimitProfile profile, RateLimitValues custom) {
  public static final RateLimiting DEFAULT = new RateLimiting(RateLimitProfile.balanced, null);

  public RateLimiting {
    profile = profile == null ? RateLimitProfile.balanced : profile;
  }
}
