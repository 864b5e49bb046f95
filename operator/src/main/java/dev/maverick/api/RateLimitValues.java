package dev.maverick.api;

import io.fabric8.generator.annotation.Min;

/**
 * The six numbers of a rate-limit profile. Optional in the schema so that {@code custom: {}} next
 * to a named profile is accepted; profile {@code custom} requires all six (CEL rule on RateLimiting).
 */
public record RateLimitValues(
    @Min(1) Integer maxConcurrentRequests,
    @Min(1) Integer requestsPerMinute,
    @Min(1) Integer tokensPerMinute,
    @Min(0) Integer burstAllowance,
    @Min(1) Double backoffMultiplier,
    @Min(0) Integer maxBackoffMs) {}
