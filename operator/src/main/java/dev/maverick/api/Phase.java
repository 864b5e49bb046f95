package dev.maverick.api;

public enum Phase {
  Pending,
  Progressing,
  Healthy,
  RolledBack,
  Degraded,
  Invalid
}
