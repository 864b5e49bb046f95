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

/** The embedding queue worker. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerSpec(
    @JsonPropertyDescription(Descriptions.IMAGE)
    @Size(max = 1024)
    @Required String image,
    @JsonPropertyDescription(Descriptions.REPLICAS)
    Replicas replicas,
    @JsonPropertyDescription("Container ports of the worker. Default health 8080, metrics 9091.")
    WorkerPorts ports,
    @JsonPropertyDescription(Descriptions.PROBES + " Served on the health port.")
    Probes probes,
    @JsonPropertyDescription(Descriptions.RESOURCES + " Whatever is left out defaults to requests cpu 250m, memory 256Mi; limits cpu 500m, memory 512Mi.")
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
    SecurityContext securityContext) implements ComponentSpec {

  public WorkerSpec {
    replicas = replicas == null ? Replicas.DEFAULT : replicas;
    ports = ports == null ? WorkerPorts.DEFAULT : ports;
    probes = probes == null ? Probes.DEFAULT : probes;
    env = env == null ? List.of() : List.copyOf(env);
    envFrom = envFrom == null ? List.of() : List.copyOf(envFrom);
    autoscaling = autoscaling == null ? Autoscaling.DISABLED : autoscaling;
  }

  /** The same component running {@code newImage}. */
  public WorkerSpec withImage(String newImage) {
    return new WorkerSpec(newImage, replicas, ports, probes, resources, env, envFrom, autoscaling, podSecurityContext,
        securityContext);
  }
}
