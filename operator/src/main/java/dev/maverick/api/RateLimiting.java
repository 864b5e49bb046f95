package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record RateLimiting(RateLimitProfile profile, RateLimitValues custom) {
  public static final RateLimiting DEFAULT = new RateLimiting(RateLimitProfile.balanced, null);

  public RateLimiting {
    profile = profile == null ? RateLimitProfile.balanced : profile;
  }
}
