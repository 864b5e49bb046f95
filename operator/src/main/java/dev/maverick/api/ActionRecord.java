package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One action taken, by a trigger or by a person (trigger {@code ManualRollback}). */
public record ActionRecord(
    @JsonPropertyDescription("The trigger that took the action, or ManualRollback for the maverick.dev/rollback annotation.")
    String trigger,
    @JsonPropertyDescription(Descriptions.ACTION_TYPE)
    ActionType type,
    @JsonPropertyDescription("What changed, in words.")
    String detail,
    @JsonPropertyDescription(Descriptions.TIME + " the action was taken.")
    String at) {}
