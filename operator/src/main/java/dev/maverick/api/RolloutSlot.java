package dev.maverick.api;

/**
 * A pipeline's place under its policy's {@code maxConcurrentRollouts}: {@code Held} while it advances
 * through its stages, {@code Queued} while it waits for a slot; absent otherwise.
 */
public enum RolloutSlot {
  Held,
  Queued
}
