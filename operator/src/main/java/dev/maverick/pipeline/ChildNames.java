package dev.maverick.pipeline;

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
  /** Longest pipeline name whose longest child name, {@code <name>-worker}, is a DNS label. */
  public static final int MAX_PIPELINE_NAME_LENGTH = 63 - "-worker".length();

  private ChildNames() {}

  public static String of(String pipeline, Component component) {
    return pipeline + "-" + component.label();
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
