package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
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
    AppIngress ingress) implements ComponentSpec {

  public AppSpec {
    replicas = replicas == null ? Replicas.DEFAULT : replicas;
    ports = ports == null ? AppPorts.DEFAULT : ports;
    probes = probes == null ? Probes.DEFAULT : probes;
    env = env == null ? List.of() : List.copyOf(env);
    envFrom = envFrom == null ? List.of() : List.copyOf(envFrom);
    autoscaling = autoscaling == null ? Autoscaling.DISABLED : autoscaling;
  }

  public AppSpec(String image, Replicas replicas, AppPorts ports, Probes probes, ResourceRequirements resources,
      List<EnvVar> env, List<EnvFromSource> envFrom, Autoscaling autoscaling) {
    this(image, replicas, ports, probes, resources, env, envFrom, autoscaling, null);
  }
}
