package dev.maverick.api;

/** Named rate-limit profiles; constants are lower case because they are the wire values. */
public enum RateLimitProfile {
  conservative,
  balanced,
  aggressive,
  custom
}
