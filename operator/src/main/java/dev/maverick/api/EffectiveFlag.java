package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

public record EffectiveFlag(
    @JsonPropertyDescription("The flag's name.")
    String name,
    @JsonPropertyDescription("Whether the flag is on.")
    boolean enabled,
    @JsonPropertyDescription("Percent of users who get it, 0..100.")
    int rolloutPercentage) {}
