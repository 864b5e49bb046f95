package dev.maverick.dashboard;

import java.time.Instant;

/** When the rollout entered a stage, as seen by this operator instance. */
public record StageStart(int index, String name, Instant at) {}
