package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
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
    @JsonPropertyDescription(Descriptions.ACTION_TYPE)
    @Required ActionType type,
    @JsonPropertyDescription(Descriptions.FLAG_NAME + " For DisableFlag and SetFlagPercentage.")
    @Size(max = 63)
    @Pattern(FeatureFlag.NAME_PATTERN) String flag,
    @JsonPropertyDescription("SetFlagPercentage: the flag's new rollout percentage, 0..100.")
    @Min(0) @Max(100) Integer percentage,
    @JsonPropertyDescription("SetRateLimitProfile: " + Descriptions.PROFILE)
    RateLimitProfile profile,
    @JsonPropertyDescription("ScaleWorkers: worker replicas, >= 0; 0 stops the queue workers (the worker HPA is removed while it holds).")
    @Min(0) Integer replicas) {}
