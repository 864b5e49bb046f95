package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** What a trigger does; which of the optional fields apply depends on {@code type}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Action(
    @Required ActionType type,
    @Pattern(FeatureFlag.NAME_PATTERN) String flag,
    @Min(0) @Max(100) Integer percentage,
    RateLimitProfile profile,
    @Min(0) Integer replicas) {}
