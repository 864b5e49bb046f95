package dev.maverick.api;

/** Replica counts read from a Deployment; {@code summary} is "ready/desired" for printer columns. */
public record ReplicaStatus(Integer replicas, Integer readyReplicas, String summary) {

  public static ReplicaStatus of(int replicas, int readyReplicas) {
    return new ReplicaStatus(replicas, readyReplicas, readyReplicas + "/" + replicas);
  }
}
