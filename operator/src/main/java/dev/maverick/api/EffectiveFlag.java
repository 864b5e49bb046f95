package dev.maverick.api;

public record EffectiveFlag(String name, boolean enabled, int rolloutPercentage) {}
