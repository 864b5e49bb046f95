package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One step of a staged rollout: flag percentages, then a pause, then gates to advance. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Stage(
    @JsonPropertyDescription(Descriptions.NAME_IN_LIST)
    @Size(max = 63)
    @Required String name,
    @JsonPropertyDescription("Flag percentages during this stage, keyed by name, at most 128. A flag named by any stage is off until the first stage that names it; never above the spec's rolloutPercentage.")
    @Size(max = 128)
    List<StageFlag> flags,
    @Pattern(Durations.PATTERN) @Size(max = Durations.MAX_LENGTH)
    @JsonPropertyDescription("How long the stage runs before its gates are checked; the maverick.dev/promote annotation ends it early. Default 0s." + Descriptions.DURATION)
    @ValidationRule(value = Durations.MAX_RULE, message = Durations.MAX_MESSAGE) String pause,
    @JsonPropertyDescription("Checks that must all hold at the end of the pause to advance; keyed by name, at most 16.")
    @Size(max = 16)
    List<Gate> gates) {

  public Stage {
    flags = flags == null ? List.of() : List.copyOf(flags);
    pause = pause == null ? "0s" : pause;
    gates = gates == null ? List.of() : List.copyOf(gates);
  }
}
