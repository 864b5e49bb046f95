package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

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
    Autoscaling autoscaling) implements ComponentSpec {

  public AppSpec {
    replicas = replicas == null ? Replicas.DEFAULT : replicas;
    ports = ports == null ? AppPorts.DEFAULT : ports;
    probes = probes == null ? Probes.DEFAULT : probes;
    env = env == null ? List.of() : List.copyOf(env);
    envFrom = envFrom == null ? List.of() : List.copyOf(envFrom);
    autoscaling = autoscaling == null ? Autoscaling.DISABLED : autoscaling;
  }
}
