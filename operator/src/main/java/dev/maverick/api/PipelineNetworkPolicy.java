package dev.maverick.api;

import io.fabric8.generator.annotation.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.List;
import java.util.Map;

/**
 * NetworkPolicies {@code <name>-app} and {@code <name>-worker} (present without {@code enabled}
 * means enabled): ingress to the app's http port from
 * anywhere, to both metrics ports from {@code metricsFrom} only; egress is not restricted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineNetworkPolicy(
    @JsonPropertyDescription("true: NetworkPolicies <name>-app and <name>-worker. Present without enabled: true.")
    Boolean enabled,
    @JsonPropertyDescription("networking.k8s.io/v1 NetworkPolicyPeer list: who may scrape the metrics ports;"
        + " default (also when empty): the namespace named monitoring")
    @Size(max = 16) List<NetworkPolicyPeer> metricsFrom) {

  public static final PipelineNetworkPolicy DISABLED = new PipelineNetworkPolicy(false, null);

  /** The namespace {@code monitoring}, by the label every namespace carries. */
  public static final String METADATA_NAME_LABEL = "kubernetes.io/metadata.name";

  public PipelineNetworkPolicy {
    enabled = enabled == null || enabled;
    metricsFrom = metricsFrom == null || metricsFrom.isEmpty()
        ? List.of(new NetworkPolicyPeerBuilder().withNamespaceSelector(new LabelSelectorBuilder()
            .withMatchLabels(Map.of(METADATA_NAME_LABEL, "monitoring")).build()).build())
        : List.copyOf(metricsFrom);
  }
}
