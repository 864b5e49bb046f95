package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;

/** The user-facing application (API and UI). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppSpec(
    @Required String image,
    Replicas replicas,
    AppPorts ports,
    Probes probes,
    ResourceRequirements resources,
    List<EnvVar> env,
    List<EnvFromSource> envFrom,
    Autoscaling autoscaling,
    PodSecurityContext podSecurityContext,
    SecurityContext securityContext,
    AppIngress ingress) implements ComponentSpec {

  public AppSpec {
    replicas = replicas == null ? Replicas.DEFAULT : replicas;
    ports = ports == null ? AppPorts.DEFAULT : ports;
    probes = probes == null ? Probes.DEFAULT : probes;
    env = env == null ? List.of() : List.copyOf(env);
    envFrom = envFrom == null ? List.of() : List.copyOf(envFrom);
    autoscaling = autoscaling == null ? Autoscaling.DISABLED : autoscaling;
  }

  /** The same component running {@code newImage}. */
  public AppSpec withImage(String newImage) {
    return new AppSpec(newImage, replicas, ports, probes, resources, env, envFrom, autoscaling, podSecurityContext,
        securityContext, ingress);
  }

  public AppSpec(String image, Replicas replicas, AppPorts ports, Probes probes, ResourceRequirements resources,
      List<EnvVar> env, List<EnvFromSource> envFrom, Autoscaling autoscaling) {
    this(image, replicas, ports, probes, resources, env, envFrom, autoscaling, null, null, null);
  }
}
