package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/** A boolean feature flag; rolloutPercentage defaults to 100 (everyone, once enabled). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureFlag(
    @JsonPropertyDescription("Flag name, ^[a-z][A-Za-z0-9]*$, at most 63 characters, unique in the list; env keys use it in UPPER_SNAKE_CASE (ENABLE_<FLAG>). rateLimitProfile is reserved.")
    @Size(max = 63)
    @Required @Pattern(NAME_PATTERN) String name,
    @JsonPropertyDescription("Whether the flag is on (for rolloutPercentage percent of users). Default false.")
    Boolean enabled,
    @JsonPropertyDescription("Percent of users who get the flag while it is enabled (a flagd fractional rule), 0..100. Default 100. Rollout stages may hold it lower.")
    @Min(0) @Max(100) Integer rolloutPercentage,
    @JsonPropertyDescription("Only these teams (evaluation context attribute team) get the flag; names without commas, at most 64. Default: everyone.")
    @Size(max = 64)
    List<String> targetTeams,
    @JsonPropertyDescription("String parameters for the app: flag metadata in flagd JSON and env keys <FLAG>_<PARAM>. Keys ^[A-Za-z][A-Za-z0-9]*$, at most 63 characters; at most 64 entries.")
    @Size(max = 64)
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
