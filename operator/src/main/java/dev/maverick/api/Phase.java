package dev.maverick.api;

public enum Phase {
  Pending,
  /** Waiting for a rollout slot of the policy's maxConcurrentRollouts. */
  Queued,
  Progressing,
  Healthy,
  RolledBack,
  Degraded,
  Invalid
}
