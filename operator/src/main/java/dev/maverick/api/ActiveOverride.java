package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An action in force, and what took it.
 *
 * @param restore for a FullRollback to a chosen revision ({@code maverick.dev/rollback-to}): the
 *     revision restored instead of the stable one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveOverride(String trigger, Action action, String at, Revision restore) {

  public ActiveOverride(String trigger, Action action, String at) {
    this(trigger, action, at, null);
  }
}
