package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** One step of a staged rollout: flag percentages, then a pause, then gates to advance. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Stage(
    @JsonPropertyDescription(Descriptions.NAME_IN_LIST)
    @Size(max = 63)
    @Required String name,
    @JsonPropertyDescription("Flag percentages during this stage, keyed by name, at most 128. A flag named by any stage is off until the first stage that names it; never above the spec's rolloutPercentage.")
    @Size(max = 128)
    List<StageFlag> flags,
    @JsonPropertyDescription("How long the stage runs before its gates are checked; the maverick.dev/promote annotation ends it early. Default 0s." + Descriptions.DURATION)
    @Size(max = 32)
    @Pattern(Durations.PATTERN) String pause,
    @JsonPropertyDescription("Checks that must all hold at the end of the pause to advance; keyed by name, at most 16.")
    @Size(max = 16)
    List<Gate> gates) {

  public Stage {
    flags = flags == null ? List.of() : List.copyOf(flags);
    pause = pause == null ? "0s" : pause;
    gates = gates == null ? List.of() : List.copyOf(gates);
  }
}
