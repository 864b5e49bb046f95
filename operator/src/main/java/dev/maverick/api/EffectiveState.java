package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The flags and rate-limit profile in force: spec, then the current stage, then any override. */
public record EffectiveState(
    @JsonPropertyDescription("Every flag as in force.")
    List<EffectiveFlag> flags,
    @JsonPropertyDescription(Descriptions.PROFILE)
    RateLimitProfile rateLimitProfile) {}
