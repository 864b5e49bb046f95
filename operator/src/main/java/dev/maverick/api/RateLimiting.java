package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.profile) || self.profile != 'custom' || (has(self.custom)"
        + " && has(self.custom.maxConcurrentRequests) && has(self.custom.requestsPerMinute)"
        + " && has(self.custom.tokensPerMinute) && has(self.custom.burstAllowance)"
        + " && has(self.custom.backoffMultiplier) && has(self.custom.maxBackoffMs))",
    message = "rateLimiting.profile custom needs all six custom values: maxConcurrentRequests, requestsPerMinute,"
        + " tokensPerMinute, burstAllowance, backoffMultiplier, maxBackoffMs")
public record RateLimiting(
    @JsonPropertyDescription(Descriptions.PROFILE + " Default balanced (4 concurrent, 50/min, 80000 tokens/min, burst 8, backoff x1.5 up to 30000 ms).")
    RateLimitProfile profile,
    @JsonPropertyDescription("The six values of profile custom (all required then); ignored with a named profile.")
    RateLimitValues custom) {
  public static final RateLimiting DEFAULT = new RateLimiting(RateLimitProfile.balanced, null);

  public RateLimiting {
    profile = profile == null ? RateLimitProfile.balanced : profile;
  }
}
