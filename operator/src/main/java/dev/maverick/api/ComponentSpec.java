package dev.maverick.api;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;

/** What the app and the worker have in common; only their port names differ. */
public interface ComponentSpec {
  String image();

  Replicas replicas();

  Probes probes();

  ResourceRequirements resources();

  List<EnvVar> env();

  List<EnvFromSource> envFrom();

  Autoscaling autoscaling();

  /** Merged over the restricted defaults; null: the defaults alone. */
  PodSecurityContext podSecurityContext();

  /** The container's; merged over the restricted defaults; null: the defaults alone. */
  SecurityContext securityContext();
}
