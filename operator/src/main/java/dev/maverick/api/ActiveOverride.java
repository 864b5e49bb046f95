package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * An action in force, and what took it.
 *
 * @param restore for a FullRollback to a chosen revision ({@code maverick.dev/rollback-to}): the
 *     revision restored instead of the stable one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveOverride(
    @JsonPropertyDescription("The trigger that took the action, or ManualRollback / ManualAbort.")
    String trigger,
    @JsonPropertyDescription("The action in force.")
    Action action,
    @JsonPropertyDescription(Descriptions.TIME + " the action was taken.")
    String at,
    @JsonPropertyDescription("For maverick.dev/rollback-to: the revision restored instead of the stable one.")
    Revision restore) {

  public ActiveOverride(String trigger, Action action, String at) {
    this(trigger, action, at, null);
  }
}
