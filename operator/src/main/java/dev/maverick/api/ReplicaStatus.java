package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Replica counts read from a Deployment; {@code summary} is "ready/desired" for printer columns. */
public record ReplicaStatus(
    @JsonPropertyDescription("Desired replicas of the Deployment.")
    Integer replicas,
    @JsonPropertyDescription("Ready replicas of the Deployment.")
    Integer readyReplicas,
    @JsonPropertyDescription("ready/desired, for the printer columns.")
    String summary) {

  public static ReplicaStatus of(int replicas, int readyReplicas) {
    return new ReplicaStatus(replicas, readyReplicas, readyReplicas + "/" + replicas);
  }
}
