package dev.maverick.pipeline;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * NetworkPolicies {@code <name>-app} and {@code <name>-worker} while {@code spec.networkPolicy} is
 * enabled. Ingress only: the app's http port from anywhere, each metrics port from
 * {@code metricsFrom}; nothing else reaches the pods (kubelet probes are not subject to policies).
 * Egress is not restricted: the workers call embedding APIs the operator cannot know.
 */
public final class NetworkPolicies implements ChildKind<NetworkPolicy> {

  @Override
  public Class<NetworkPolicy> type() {
    return NetworkPolicy.class;
  }

  @Override
  public List<NetworkPolicy> desired(PipelineModel model) {
    var settings = model.spec().networkPolicy();
    if (!settings.enabled()) {
      return List.of();
    }
    NetworkPolicyIngressRule appHttp = new NetworkPolicyIngressRuleBuilder()
        .withPorts(new NetworkPolicyPortBuilder().withProtocol("TCP")
            .withPort(new IntOrString(model.spec().app().ports().http())).build())
        .build();
    return List.of(
        policy(model, Component.APP, List.of(appHttp,
            metricsRule(model.spec().app().ports().metrics(), settings.metricsFrom()))),
        policy(model, Component.WORKER,
            List.of(metricsRule(model.spec().worker().ports().metrics(), settings.metricsFrom()))));
  }

  private static NetworkPolicyIngressRule metricsRule(int port, List<NetworkPolicyPeer> from) {
    return new NetworkPolicyIngressRuleBuilder()
        .withFrom(new ArrayList<>(from))
        .withPorts(new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(port)).build())
        .build();
  }

  private static NetworkPolicy policy(PipelineModel model, Component component, List<NetworkPolicyIngressRule> rules) {
    return new NetworkPolicyBuilder()
        .withMetadata(model.metadata(ChildNames.of(model.name(), component), component))
        .withNewSpec()
          .withNewPodSelector().withMatchLabels(model.selector(component)).endPodSelector()
          .withPolicyTypes("Ingress")
          .withIngress(rules)
        .endSpec()
        .build();
  }
}
