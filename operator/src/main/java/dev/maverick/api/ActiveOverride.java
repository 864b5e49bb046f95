package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An action in force, and what took it. */
public record ActiveOverride(
    @JsonPropertyDescription("The trigger that took the action, or ManualRollback.")
    String trigger,
    @JsonPropertyDescription("The action in force.")
    Action action,
    @JsonPropertyDescription(Descriptions.TIME + " the action was taken.")
    String at) {}
