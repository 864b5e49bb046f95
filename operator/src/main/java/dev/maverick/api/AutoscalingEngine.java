package dev.maverick.api;

/** What scales a component: a HorizontalPodAutoscaler, or (worker only) a KEDA ScaledObject. */
public enum AutoscalingEngine {
  HPA,
  KEDA
}
