package dev.maverick.pipeline;

import dev.maverick.api.ReplicaStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Optional;

/** Reads a Deployment's rollout progress the way kubectl rollout status does. */
final class Rollouts {
  private Rollouts() {}

  /** Whether the Deployment's controller has observed its current spec and every replica is updated and ready. */
  static boolean complete(Deployment deployment) {
    if (!reported(deployment)) {
      return false;
    }
    DeploymentStatus status = deployment.getStatus();
    long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(0L);
    int desired = desired(deployment);
    return Optional.ofNullable(status.getObservedGeneration()).orElse(-1L) >= generation
        && count(status.getUpdatedReplicas()) >= desired
        && count(status.getReadyReplicas()) >= desired
        && count(status.getAvailableReplicas()) >= desired
        && count(status.getReplicas()) == desired;
  }

  static boolean reported(Deployment deployment) {
    return deployment != null && deployment.getStatus() != null
        && deployment.getStatus().getObservedGeneration() != null;
  }

  static ReplicaStatus replicas(Deployment deployment) {
    if (deployment == null) {
      return null;
    }
    int ready = deployment.getStatus() == null ? 0 : count(deployment.getStatus().getReadyReplicas());
    return ReplicaStatus.of(desired(deployment), ready);
  }

  static String describe(String component, Deployment deployment) {
    if (deployment == null) {
      return component + " Deployment missing";
    }
    if (!reported(deployment)) {
      return component + " waiting for the Deployment controller";
    }
    int ready = count(deployment.getStatus().getReadyReplicas());
    return component + " " + ready + "/" + desired(deployment) + " ready" + (complete(deployment) ? "" : ", rolling out");
  }

  private static int desired(Deployment deployment) {
    return Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
  }

  private static int count(Integer value) {
    return value == null ? 0 : value;
  }
}
