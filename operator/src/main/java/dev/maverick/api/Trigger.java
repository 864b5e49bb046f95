package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** When {@code query} meets {@code condition} at every evaluation for {@code for}, take the actions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Trigger(
    @Required String name,
    @Required String query,
    @Required MetricCondition condition,
    @JsonProperty("for") @Pattern(Durations.PATTERN) String forDuration,
    @Required @Size(max = 16) List<Action> actions) {

  public Trigger {
    forDuration = forDuration == null ? "0s" : forDuration;
    actions = actions == null ? List.of() : List.copyOf(actions);
  }
}
