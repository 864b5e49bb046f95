package dev.maverick.api;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** The six numbers of a rate-limit profile. */
public record RateLimitValues(
    @Required @Min(1) Integer maxConcurrentRequests,
    @Required @Min(1) Integer requestsPerMinute,
    @Required @Min(1) Integer tokensPerMinute,
    @Required @Min(0) Integer burstAllowance,
    @Required @Min(1) Double backoffMultiplier,
    @Required @Min(0) Integer maxBackoffMs) {}
