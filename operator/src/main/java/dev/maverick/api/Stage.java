package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** One step of a staged rollout: flag percentages, then a pause, then gates to advance. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Stage(
    @Required String name,
    List<StageFlag> flags,
    @Pattern(Durations.PATTERN) @Size(max = Durations.MAX_LENGTH)
    @ValidationRule(value = Durations.MAX_RULE, message = Durations.MAX_MESSAGE) String pause,
    List<Gate> gates) {

  public Stage {
    flags = flags == null ? List.of() : List.copyOf(flags);
    pause = pause == null ? "0s" : pause;
    gates = gates == null ? List.of() : List.copyOf(gates);
  }
}
