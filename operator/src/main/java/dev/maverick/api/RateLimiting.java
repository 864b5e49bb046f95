package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.profile) || self.profile != 'custom' || (has(self.custom)"
        + " && has(self.custom.maxConcurrentRequests) && has(self.custom.requestsPerMinute)"
        + " && has(self.custom.tokensPerMinute) && has(self.custom.burstAllowance)"
        + " && has(self.custom.backoffMultiplier) && has(self.custom.maxBackoffMs))",
    message = "rateLimiting.profile custom needs all six custom values: maxConcurrentRequests, requestsPerMinute,"
        + " tokensPerMinute, burstAllowance, backoffMultiplier, maxBackoffMs")
public record RateLimiting(RateLimitProfile profile, RateLimitValues custom) {
  public static final RateLimiting DEFAULT = new RateLimiting(RateLimitProfile.balanced, null);

  public RateLimiting {
    profile = profile == null ? RateLimitProfile.balanced : profile;
  }
}
