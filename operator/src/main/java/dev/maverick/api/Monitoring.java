package dev.maverick.api;

/**
 * Prometheus Operator objects for the pipeline: a ServiceMonitor per component, and a PrometheusRule
 * {@code <name>-rollout} with one alert per trigger of the rollout policy.
 */
public record Monitoring(Boolean serviceMonitor, Boolean prometheusRule) {
  public static final Monitoring NONE = new Monitoring(false, false);

  public Monitoring {
    serviceMonitor = Boolean.TRUE.equals(serviceMonitor);
    prometheusRule = Boolean.TRUE.equals(prometheusRule);
  }
}
