package dev.maverick.pipeline;

import dev.maverick.api.ReplicaStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import dev.maverick.api.BlueGreenStatus;
import dev.maverick.rollout.AppDeployments;
import java.util.Map;
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

  /** The app's Deployments as a blue-green release sees them, from the live ones by name. */
  static AppDeployments app(String pipeline, Map<String, Deployment> live) {
    return new AppDeployments(observed(live.get(ChildNames.of(pipeline, Component.APP))),
        observed(live.get(ChildNames.appColor(pipeline, BlueGreenStatus.BLUE))),
        observed(live.get(ChildNames.appColor(pipeline, BlueGreenStatus.GREEN))));
  }

  private static AppDeployments.Observed observed(Deployment deployment) {
    return deployment == null ? null : new AppDeployments.Observed(
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), desired(deployment),
        complete(deployment));
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
