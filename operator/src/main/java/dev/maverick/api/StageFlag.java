package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

public record StageFlag(
    @JsonPropertyDescription(Descriptions.FLAG_NAME)
    @Size(max = 63)
    @Required @Pattern(FeatureFlag.NAME_PATTERN) String name,
    @JsonPropertyDescription("Percent of users who get the flag during this stage, 0..100 (never above the spec's).")
    @Required @Min(0) @Max(100) Integer rolloutPercentage) {}
