package dev.maverick.api;

/** An action in force, and what took it. */
public record ActiveOverride(String trigger, Action action, String at) {}
