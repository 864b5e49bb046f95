package dev.maverick.pipeline;

import dev.maverick.api.AppSpec;
import dev.maverick.api.BlueGreenStatus;
import java.util.Map;

/** Names and labels of a pipeline's children, as API.md fixes them. */
public final class ChildNames {
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "maverick-operator";
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
  /** Selects every child the operator manages; informers watch only these. */
  public static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;
  public static final String FLAGS_MOUNT_PATH = "/etc/maverick/flags";
  /** On a blue-green app's Deployments and pods: blue | green. */
  public static final String COLOR_LABEL = "maverick.dev/color";
  /** Longest pipeline name whose longest child name, {@code <name>-worker}, is a DNS label. */
  public static final int MAX_PIPELINE_NAME_LENGTH = 63 - "-worker".length();
  /** Longest blue-green pipeline name: {@code <name>-app-preview} must be a DNS label too. */
  public static final int MAX_BLUE_GREEN_NAME_LENGTH = 63 - "-app-preview".length();

  private ChildNames() {}

  public static String of(String pipeline, Component component) {
    return pipeline + "-" + component.label();
  }

  /** A blue-green app's Deployment of one colour: {@code <name>-app-blue} or {@code <name>-app-green}. */
  public static String appColor(String pipeline, String color) {
    return of(pipeline, Component.APP) + "-" + color;
  }

  /** The Service on a blue-green app's preview colour. */
  public static String appPreview(String pipeline) {
    return of(pipeline, Component.APP) + "-preview";
  }

  /**
   * The app Deployment whose pods the Service {@code <name>-app} serves and the app HPA scales: the
   * active colour's under blue-green, else (also while a strategy change keeps it) {@code <name>-app}.
   */
  public static String servingApp(String pipeline, AppSpec app, BlueGreenStatus blueGreen) {
    return !app.isBlueGreen() || blueGreen == null || blueGreen.keepsRollingUpdateDeployment() ? of(pipeline, Component.APP)
        : appColor(pipeline, blueGreen.activeColor());
  }

  public static String flagsConfigMap(String pipeline) {
    return pipeline + "-flags";
  }

  /** The PrometheusRule with one alert per rollout trigger. */
  public static String rolloutRule(String pipeline) {
    return pipeline + "-rollout";
  }

  /** Labels every child carries; the selector uses the instance and component only. */
  public static Map<String, String> labels(String pipeline, Component component) {
    return Map.of(MANAGED_BY_LABEL, MANAGED_BY, INSTANCE_LABEL, pipeline, COMPONENT_LABEL, component.label());
  }

  public static Map<String, String> selector(String pipeline, Component component) {
    return Map.of(INSTANCE_LABEL, pipeline, COMPONENT_LABEL, component.label());
  }
}
