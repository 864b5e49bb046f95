package dev.maverick.api;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

public record StageFlag(
    @Required @Pattern(FeatureFlag.NAME_PATTERN) String name,
    @Required @Min(0) @Max(100) Integer rolloutPercentage) {}
