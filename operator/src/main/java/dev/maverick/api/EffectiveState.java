package dev.maverick.api;

import java.util.List;

/** The flags and rate-limit profile in force: spec, then the current stage, then any override. */
public record EffectiveState(List<EffectiveFlag> flags, RateLimitProfile rateLimitProfile) {}
