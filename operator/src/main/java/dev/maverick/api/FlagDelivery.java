package dev.maverick.api;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * restartOnChange true: a flag change rolls the pods (env vars); false: the mounted file changes, no
 * restart. featureFlagResource: also an OpenFeature FeatureFlag {@code <name>-flags} with the same flags.
 */
public record FlagDelivery(
    @JsonPropertyDescription("true: a flag change rolls the pods (env vars; pod annotation maverick.dev/flags-hash); false: only the files under /etc/maverick/flags change, no restart. Default true.")
    Boolean restartOnChange,
    @JsonPropertyDescription("true: also an OpenFeature core.openfeature.dev/v1beta1 FeatureFlag <name>-flags with the same flags. Default false.")
    Boolean featureFlagResource) {
  public static final FlagDelivery DEFAULT = new FlagDelivery(true);

  public FlagDelivery {
    restartOnChange = restartOnChange == null || restartOnChange;
    featureFlagResource = Boolean.TRUE.equals(featureFlagResource);
  }

  public FlagDelivery(Boolean restartOnChange) {
    this(restartOnChange, null);
  }
}
