package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Prometheus Operator objects for the pipeline: a ServiceMonitor per component, and a PrometheusRule
 * {@code <name>-rollout} with one alert per trigger of the rollout policy.
 */
public record Monitoring(
    @JsonPropertyDescription("true: a monitoring.coreos.com/v1 ServiceMonitor per component on its metrics port. Default false.")
    Boolean serviceMonitor,
    @JsonPropertyDescription("true: a PrometheusRule <name>-rollout with one alert per trigger of the policy. Default false.")
    Boolean prometheusRule) {
  public static final Monitoring NONE = new Monitoring(false, false);

  public Monitoring {
    serviceMonitor = Boolean.TRUE.equals(serviceMonitor);
    prometheusRule = Boolean.TRUE.equals(prometheusRule);
  }
}
