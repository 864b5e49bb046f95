package dev.maverick.api;

/** How a new app image reaches users: a rolling update of one Deployment, or a blue-green switch. */
public enum AppStrategyType {
  RollingUpdate,
  BlueGreen
}
