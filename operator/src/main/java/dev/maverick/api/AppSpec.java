package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/** The user-facing application (API and UI). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppSpec(
    @JsonPropertyDescription(Descriptions.IMAGE)
    @Size(max = 1024)
    @Required String image,
    @JsonPropertyDescription(Descriptions.REPLICAS)
    Replicas replicas,
    @JsonPropertyDescription("Container ports of the app. Default http 8080, metrics 9090.")
    AppPorts ports,
    @JsonPropertyDescription(Descriptions.PROBES + " Served on the http port.")
    Probes probes,
    @JsonPropertyDescription(Descriptions.RESOURCES + " Whatever is left out defaults to requests cpu 250m, memory 512Mi; limits cpu 500m, memory 1Gi.")
    ResourceRequirements resources,
    @JsonPropertyDescription(Descriptions.ENV)
    @Size(max = 256)
    List<EnvVar> env,
    @JsonPropertyDescription(Descriptions.ENV_FROM)
    @Size(max = 64)
    List<EnvFromSource> envFrom,
    @JsonPropertyDescription(Descriptions.AUTOSCALING)
    Autoscaling autoscaling,
    @JsonPropertyDescription(Descriptions.POD_SECURITY_CONTEXT)
    PodSecurityContext podSecurityContext,
    @JsonPropertyDescription(Descriptions.SECURITY_CONTEXT)
    SecurityContext securityContext,
    @JsonPropertyDescription("Optional: an Ingress <name>-app (networking.k8s.io/v1) to the app Service's http port.")
    AppIngress ingress,
    @JsonPropertyDescription("How a new app image is released: RollingUpdate (default) or BlueGreen.")
    AppStrategy strategy) implements ComponentSpec {

  public AppSpec {
    replicas = replicas == null ? Replicas.DEFAULT : replicas;
    ports = ports == null ? AppPorts.DEFAULT : ports;
    probes = probes == null ? Probes.DEFAULT : probes;
    env = env == null ? List.of() : List.copyOf(env);
    envFrom = envFrom == null ? List.of() : List.copyOf(envFrom);
    autoscaling = autoscaling == null ? Autoscaling.DISABLED : autoscaling;
  }

  public AppSpec(String image, Replicas replicas, AppPorts ports, Probes probes, ResourceRequirements resources,
      List<EnvVar> env, List<EnvFromSource> envFrom, Autoscaling autoscaling, PodSecurityContext podSecurityContext,
      SecurityContext securityContext, AppIngress ingress) {
    this(image, replicas, ports, probes, resources, env, envFrom, autoscaling, podSecurityContext, securityContext,
        ingress, null);
  }

  /** Whether the app is released blue-green (two colour Deployments). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isBlueGreen() {
    return strategy != null && strategy.usesBlueGreen();
  }

  /** The blue-green settings, defaults filled in. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public BlueGreenSpec blueGreenSpec() {
    return strategy == null ? BlueGreenSpec.DEFAULT : strategy.blueGreen();
  }

  /** The same component running {@code newImage}. */
  public AppSpec withImage(String newImage) {
    return new AppSpec(newImage, replicas, ports, probes, resources, env, envFrom, autoscaling, podSecurityContext,
        securityContext, ingress, strategy);
  }

  public AppSpec(String image, Replicas replicas, AppPorts ports, Probes probes, ResourceRequirements resources,
      List<EnvVar> env, List<EnvFromSource> envFrom, Autoscaling autoscaling) {
    this(image, replicas, ports, probes, resources, env, envFrom, autoscaling, null, null, null);
  }
}
