package dev.maverick.pipeline;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * The ingress half of NetworkPolicy semantics as the Kubernetes documentation defines them
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/), to test what
 * generated policies MEAN rather than how they look:
 * <ul>
 *   <li>a policy applies to the pods of its own namespace its podSelector selects (empty: all);
 *   <li>it isolates them for ingress when policyTypes contains Ingress (absent policyTypes: Ingress,
 *       plus Egress when it has egress rules);
 *   <li>a pod no policy isolates for ingress accepts every connection;
 *   <li>an isolated pod accepts a connection when some rule of some policy selecting it allows it
 *       (policies are additive); a rule allows when its {@code from} matches (absent or empty: any
 *       source) AND its {@code ports} match (absent or empty: every port);
 *   <li>a peer with podSelector only: pods of the policy's namespace; namespaceSelector only: every
 *       pod of the selected namespaces; both in one peer: the selected pods of the selected
 *       namespaces; ipBlock: source IPs in the CIDR but none of its excepts.
 * </ul>
 */
final class NetworkPolicySemantics {

  /** A pod: its namespace (name and labels), its labels, its IP. */
  record Pod(String namespace, Map<String, String> namespaceLabels, Map<String, String> labels, String ip) {
    static Pod in(String namespace, Map<String, String> labels) {
      return new Pod(namespace, Map.of("kubernetes.io/metadata.name", namespace), labels, "10.0.0.1");
    }
  }

  private final List<NetworkPolicy> policies;

  NetworkPolicySemantics(List<NetworkPolicy> policies) {
    this.policies = policies;
  }

  boolean allows(Pod source, Pod destination, int port, String protocol) {
    List<NetworkPolicy> isolating = policies.stream()
        .filter(p -> p.getMetadata().getNamespace().equals(destination.namespace()))
        .filter(p -> matches(p.getSpec().getPodSelector(), destination.labels()))
        .filter(NetworkPolicySemantics::isolatesIngress)
        .toList();
    if (isolating.isEmpty()) {
      return true;
    }
    return isolating.stream().anyMatch(policy -> policy.getSpec().getIngress() != null
        && policy.getSpec().getIngress().stream().anyMatch(rule ->
            fromMatches(rule, policy.getMetadata().getNamespace(), source) && portMatches(rule, port, protocol)));
  }

  private static boolean isolatesIngress(NetworkPolicy policy) {
    List<String> types = policy.getSpec().getPolicyTypes();
    return types == null || types.isEmpty() || types.contains("Ingress");
  }

  private static boolean fromMatches(NetworkPolicyIngressRule rule, String policyNamespace, Pod source) {
    List<NetworkPolicyPeer> from = rule.getFrom();
    return from == null || from.isEmpty() || from.stream().anyMatch(peer -> peerMatches(peer, policyNamespace, source));
  }

  private static boolean peerMatches(NetworkPolicyPeer peer, String policyNamespace, Pod source) {
    if (peer.getIpBlock() != null) {
      return inBlock(peer.getIpBlock(), source.ip());
    }
    boolean namespaceOk = peer.getNamespaceSelector() == null
        ? source.namespace().equals(policyNamespace)
        : matches(peer.getNamespaceSelector(), source.namespaceLabels());
    boolean podOk = peer.getPodSelector() == null || matches(peer.getPodSelector(), source.labels());
    return namespaceOk && podOk;
  }

  private static boolean portMatches(NetworkPolicyIngressRule rule, int port, String protocol) {
    List<NetworkPolicyPort> ports = rule.getPorts();
    return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> {
      String ruleProtocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
      if (!ruleProtocol.equals(protocol)) {
        return false;
      }
      if (p.getPort() == null) {
        return true;
      }
      if (p.getPort().getIntVal() == null) {
        throw new IllegalArgumentException("named ports need the pod's container ports; not modelled");
      }
      int first = p.getPort().getIntVal();
      int last = p.getEndPort() == null ? first : p.getEndPort();
      return port >= first && port <= last;
    });
  }

  /** Empty selector: everything; matchLabels AND every matchExpression. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector.getMatchLabels() != null
        && !selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    return selector.getMatchExpressions() == null
        || selector.getMatchExpressions().stream().allMatch(e -> expressionMatches(e, labels));
  }

  private static boolean expressionMatches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    return switch (requirement.getOperator()) {
      case "In" -> value != null && requirement.getValues().contains(value);
      case "NotIn" -> value == null || !requirement.getValues().contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> throw new IllegalArgumentException("unknown operator " + requirement.getOperator());
    };
  }

  private static boolean inBlock(IPBlock block, String ip) {
    return inCidr(block.getCidr(), ip)
        && (block.getExcept() == null || block.getExcept().stream().noneMatch(except -> inCidr(except, ip)));
  }

  private static boolean inCidr(String cidr, String ip) {
    try {
      String[] parts = cidr.split("/");
      byte[] network = InetAddress.getByName(parts[0]).getAddress();
      byte[] address = InetAddress.getByName(ip).getAddress();
      if (network.length != address.length) {
        return false;
      }
      int bits = Integer.parseInt(parts[1]);
      int total = network.length * 8;
      BigInteger mask = BigInteger.ONE.shiftLeft(total).subtract(BigInteger.ONE)
          .xor(BigInteger.ONE.shiftLeft(total - bits).subtract(BigInteger.ONE));
      return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
