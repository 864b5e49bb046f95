package dev.maverick.rollout;

import dev.maverick.api.BlueGreenStatus;

/**
 * What the app's Deployments look like now, as far as a blue-green release needs to know: the
 * RollingUpdate Deployment {@code <name>-app} and the two colours; null where one does not exist.
 * The reconciler reads it from the informer cache before each step.
 */
public record AppDeployments(Observed plain, Observed blue, Observed green) {
  private static final AppDeployments NONE = new AppDeployments(null, null, null);

  /**
   * One Deployment: the image of its pod template, its desired replicas and whether that spec is
   * fully rolled out (observed by the Deployment controller, every replica updated and ready).
   */
  public record Observed(String image, int replicas, boolean rolledOut) {
    /** Whether this Deployment runs {@code wantedImage} on at least {@code wantedReplicas} ready pods. */
    boolean serves(String wantedImage, int wantedReplicas) {
      return rolledOut && wantedImage.equals(image) && replicas >= wantedReplicas;
    }
  }

  public static AppDeployments none() {
    return NONE;
  }

  Observed color(String color) {
    return BlueGreenStatus.BLUE.equals(color) ? blue : green;
  }

  /** Whether the Deployment of {@code color} runs {@code image} on at least {@code replicas} ready pods. */
  boolean serves(String color, String image, int replicas) {
    Observed observed = color(color);
    return observed != null && observed.serves(image, replicas);
  }
}
