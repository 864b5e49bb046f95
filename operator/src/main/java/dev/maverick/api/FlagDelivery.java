package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** true: a flag change rolls the pods (env vars); false: the mounted file changes, no restart. */
public record FlagDelivery(
    @JsonPropertyDescription("true: a flag change rolls the pods (env vars; pod annotation maverick.dev/flags-hash); false: only the files under /etc/maverick/flags change, no restart. Default true.")
    Boolean restartOnChange) {
  public static final FlagDelivery DEFAULT = new FlagDelivery(true);

  public FlagDelivery {
    restartOnChange = restartOnChange == null || restartOnChange;
  }
}
