package dev.maverick.api;

/** One action taken, by a trigger or by a person (trigger {@code ManualRollback}). */
public record ActionRecord(String trigger, ActionType type, String detail, String at) {}
