package dev.maverick.api;

/** true: a flag change rolls the pods (env vars); false: the mounted file changes, no restart. */
public record FlagDelivery(Boolean restartOnChange) {
  public static final FlagDelivery DEFAULT = new FlagDelivery(true);

  public FlagDelivery {
    restartOnChange = restartOnChange == null || restartOnChange;
  }
}
