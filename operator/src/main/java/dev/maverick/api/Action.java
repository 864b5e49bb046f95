package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** What a trigger does; which of the optional fields apply depends on {@code type}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type != 'DisableFlag' || has(self.flag)", message = "a DisableFlag action needs flag")
@ValidationRule(
    value = "self.type != 'SetFlagPercentage' || (has(self.flag) && has(self.percentage))",
    message = "a SetFlagPercentage action needs flag and percentage")
@ValidationRule(value = "self.type != 'SetRateLimitProfile' || has(self.profile)",
    message = "a SetRateLimitProfile action needs profile")
@ValidationRule(value = "self.type != 'ScaleWorkers' || has(self.replicas)", message = "a ScaleWorkers action needs replicas")
public record Action(
    @Required ActionType type,
    @Pattern(FeatureFlag.NAME_PATTERN) String flag,
    @Min(0) @Max(100) Integer percentage,
    RateLimitProfile profile,
    @Min(0) Integer replicas) {}
