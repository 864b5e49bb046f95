package dev.maverick.api;

/**
 * restartOnChange true: a flag change rolls the pods (env vars); false: the mounted file changes, no
 * restart. featureFlagResource: also an OpenFeature FeatureFlag {@code <name>-flags} with the same flags.
 */
public record FlagDelivery(Boolean restartOnChange, Boolean featureFlagResource) {
  public static final FlagDelivery DEFAULT = new FlagDelivery(true);

  public FlagDelivery {
    restartOnChange = restartOnChange == null || restartOnChange;
    featureFlagResource = Boolean.TRUE.equals(featureFlagResource);
  }

  public FlagDelivery(Boolean restartOnChange) {
    this(restartOnChange, null);
  }
}
