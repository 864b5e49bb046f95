package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/**
 * The six numbers of a rate-limit profile. Optional in the schema so that {@code custom: {}} next
 * to a named profile is accepted; profile {@code custom} requires all six (CEL rule on RateLimiting).
 */
public record RateLimitValues(
    @JsonPropertyDescription("Requests in flight at once, >= 1 (balanced: 4).")
    @Min(1) Integer maxConcurrentRequests,
    @JsonPropertyDescription("Requests per minute, >= 1 (balanced: 50).")
    @Min(1) Integer requestsPerMinute,
    @JsonPropertyDescription("Tokens per minute, >= 1 (balanced: 80000).")
    @Min(1) Integer tokensPerMinute,
    @JsonPropertyDescription("Requests allowed above the rate in a burst, >= 0 (balanced: 8).")
    @Min(0) Integer burstAllowance,
    @JsonPropertyDescription("Factor by which the retry delay grows, >= 1 (balanced: 1.5).")
    @Min(1) Double backoffMultiplier,
    @JsonPropertyDescription("Longest retry delay, milliseconds, >= 0 (balanced: 30000).")
    @Min(0) Integer maxBackoffMs) {}
