package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/** A boolean feature flag; rolloutPercentage defaults to 100 (everyone, once enabled). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureFlag(
    @Required @Pattern(NAME_PATTERN) String name,
    Boolean enabled,
    @Min(0) @Max(100) Integer rolloutPercentage,
    List<String> targetTeams,
    Map<String, String> params) {

  public static final String NAME_PATTERN = "^[a-z][A-Za-z0-9]*$";

  public FeatureFlag {
    enabled = enabled != null && enabled;
    rolloutPercentage = rolloutPercentage == null ? 100 : rolloutPercentage;
    targetTeams = targetTeams == null ? List.of() : List.copyOf(targetTeams);
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  public boolean isEnabled() {
    return enabled;
  }
}
