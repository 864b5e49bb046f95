package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.pipeline.NetworkPolicySemantics.Pod;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlockBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * What the generated NetworkPolicies allow, evaluated with the documented NetworkPolicy rules
 * ({@link NetworkPolicySemantics}) for a table of connections.
 */
class NetworkPolicyMeaningTest {
  private static final String NS = "paperless-maverick";
  private static final Pod APP = Pod.in(NS, Map.of("app.kubernetes.io/instance", "paperless-maverick",
      "app.kubernetes.io/component", "app", "app.kubernetes.io/managed-by", "maverick-operator"));
  private static final Pod WORKER = Pod.in(NS, Map.of("app.kubernetes.io/instance", "paperless-maverick",
      "app.kubernetes.io/component", "worker", "app.kubernetes.io/managed-by", "maverick-operator"));
  private static final Pod OTHER_IN_NAMESPACE = Pod.in(NS, Map.of("app", "redis"));
  private static final Pod PROMETHEUS = Pod.in("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
  private static final Pod GRAFANA = Pod.in("monitoring", Map.of("app.kubernetes.io/name", "grafana"));
  private static final Pod ELSEWHERE = Pod.in("default", Map.of("app", "curl"));
  private static final Pod PROMETHEUS_ELSEWHERE = Pod.in("default", Map.of("app.kubernetes.io/name", "prometheus"));
  private static final Pod LOOKALIKE_NAMESPACE = new Pod("monitoring-2", Map.of("kubernetes.io/metadata.name",
      "monitoring-2", "team", "monitoring"), Map.of("app.kubernetes.io/name", "prometheus"), "10.0.0.9");

  private static List<NetworkPolicy> generated(EmbeddingPipeline pipeline) {
    return new NetworkPolicies().desired(EcosystemExample.model(pipeline));
  }

  static Stream<Arguments> defaultMetricsFrom() {
    return Stream.of(
        // source, destination, port, allowed
        Arguments.of("anyone -> app http", ELSEWHERE, APP, 8080, true),
        Arguments.of("same namespace -> app http", OTHER_IN_NAMESPACE, APP, 8080, true),
        Arguments.of("worker -> app http", WORKER, APP, 8080, true),
        Arguments.of("monitoring -> app metrics", PROMETHEUS, APP, 9090, true),
        Arguments.of("any pod of monitoring -> app metrics", GRAFANA, APP, 9090, true),
        Arguments.of("elsewhere -> app metrics", ELSEWHERE, APP, 9090, false),
        Arguments.of("same namespace -> app metrics", OTHER_IN_NAMESPACE, APP, 9090, false),
        Arguments.of("namespace merely labelled monitoring -> app metrics", LOOKALIKE_NAMESPACE, APP, 9090, false),
        Arguments.of("anyone -> app on another port", ELSEWHERE, APP, 5432, false),
        Arguments.of("monitoring -> worker metrics", PROMETHEUS, WORKER, 9091, true),
        Arguments.of("monitoring -> worker health", PROMETHEUS, WORKER, 8080, false),
        Arguments.of("elsewhere -> worker metrics", ELSEWHERE, WORKER, 9091, false),
        Arguments.of("app -> worker metrics", APP, WORKER, 9091, false),
        Arguments.of("app -> worker health", APP, WORKER, 8080, false),
        Arguments.of("anyone -> a pod no policy selects", ELSEWHERE, OTHER_IN_NAMESPACE, 6379, true));
  }

  @ParameterizedTest(name = "{0}: {4}")
  @MethodSource("defaultMetricsFrom")
  void theExamplesPoliciesAllowExactlyWhatApiMdSays(String name, Pod source, Pod destination, int port, boolean allowed) {
    var semantics = new NetworkPolicySemantics(generated(EcosystemExample.pipeline()));
    assertThat(semantics.allows(source, destination, port, "TCP")).as(name).isEqualTo(allowed);
  }

  static Stream<Arguments> prometheusPodsOnly() {
    return Stream.of(
        Arguments.of("prometheus in monitoring -> app metrics", PROMETHEUS, APP, 9090, true),
        Arguments.of("grafana in monitoring -> app metrics", GRAFANA, APP, 9090, false),
        Arguments.of("prometheus elsewhere -> worker metrics", PROMETHEUS_ELSEWHERE, WORKER, 9091, false),
        Arguments.of("prometheus in monitoring -> worker metrics", PROMETHEUS, WORKER, 9091, true),
        Arguments.of("anyone -> app http still", GRAFANA, APP, 8080, true));
  }

  /** namespaceSelector and podSelector in ONE peer: the selected pods of the selected namespaces. */
  @ParameterizedTest(name = "{0}: {4}")
  @MethodSource("prometheusPodsOnly")
  void aCombinedPeerNarrowsScrapingToThosePods(String name, Pod source, Pod destination, int port, boolean allowed) {
    EmbeddingPipeline pipeline = withMetricsFrom("""
            - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
              podSelector: {matchLabels: {app.kubernetes.io/name: prometheus}}
        """);
    var semantics = new NetworkPolicySemantics(generated(pipeline));
    assertThat(semantics.allows(source, destination, port, "TCP")).as(name).isEqualTo(allowed);
  }

  @Test
  void withoutMetricsFromOnlyTheMonitoringNamespaceScrapes() {
    EmbeddingPipeline pipeline = withMetricsFrom(null);
    var semantics = new NetworkPolicySemantics(generated(pipeline));
    assertThat(semantics.allows(GRAFANA, WORKER, 9091, "TCP")).isTrue();
    assertThat(semantics.allows(ELSEWHERE, WORKER, 9091, "TCP")).isFalse();
    assertThat(semantics.allows(ELSEWHERE, APP, 8080, "UDP")).as("the http rule is for TCP").isFalse();
  }

  /** The evaluator itself against the documentation's cases it must tell apart. */
  @Test
  void theEvaluatorFollowsTheDocumentedPeerRules() {
    var policy = new NetworkPolicyBuilder()
        .withNewMetadata().withName("doc").withNamespace(NS).endMetadata()
        .withNewSpec()
          .withNewPodSelector().withMatchLabels(Map.of("role", "db")).endPodSelector()
          .addNewIngress()
            .withFrom(
                new NetworkPolicyPeerBuilder().withIpBlock(new IPBlockBuilder().withCidr("172.17.0.0/16")
                    .withExcept("172.17.1.0/24").build()).build(),
                new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelectorBuilder()
                    .withMatchLabels(Map.of("role", "frontend")).build()).build())
          .endIngress()
        .endSpec()
        .build();
    var semantics = new NetworkPolicySemantics(List.of(policy));
    Pod db = Pod.in(NS, Map.of("role", "db"));
    assertThat(semantics.allows(new Pod("x", Map.of(), Map.of(), "172.17.5.5"), db, 6379, "TCP")).isTrue();
    assertThat(semantics.allows(new Pod("x", Map.of(), Map.of(), "172.17.1.5"), db, 6379, "TCP")).isFalse();
    assertThat(semantics.allows(Pod.in(NS, Map.of("role", "frontend")), db, 6379, "TCP")).isTrue();
    assertThat(semantics.allows(Pod.in("other", Map.of("role", "frontend")), db, 6379, "TCP"))
        .as("a podSelector-only peer selects pods of the policy's own namespace").isFalse();
    assertThat(semantics.allows(Pod.in("other", Map.of()), Pod.in(NS, Map.of("role", "web")), 80, "TCP"))
        .as("a pod no policy selects is not isolated").isTrue();
  }

  private static EmbeddingPipeline withMetricsFrom(String peers) {
    var serialization = new KubernetesSerialization();
    String yaml = serialization.asYaml(EcosystemExample.pipeline());
    int start = yaml.indexOf("    metricsFrom:");
    int end = yaml.indexOf("\n", yaml.indexOf("namespaceSelector", start)) + 1;
    while (yaml.startsWith("        ", end)) {
      end = yaml.indexOf("\n", end) + 1;
    }
    String replaced = yaml.substring(0, start) + (peers == null ? "" : "    metricsFrom:\n" + peers) + yaml.substring(end);
    return serialization.unmarshal(replaced, EmbeddingPipeline.class);
  }
}
