package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.flags.FlagsConfigMap;
import dev.maverick.testing.Fixtures;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ecosystem children (docs/ecosystem.md) as pure functions of the model. */
class EcosystemChildrenTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theIngressRoutesTheHostToTheAppServiceHttpPortWithTlsAndTheUsersAnnotations() {
    Ingress ingress = new Ingresses().desired(EcosystemExample.model(EcosystemExample.pipeline())).get(0);

    assertThat(ingress.getMetadata().getName()).isEqualTo("paperless-maverick-app");
    assertThat(ingress.getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/cluster-issuer", "letsencrypt")
        .containsEntry("nginx.ingress.kubernetes.io/limit-rps", "20");
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
      assertThat(tls.getHosts()).containsExactly("paperless.example.com");
      assertThat(tls.getSecretName()).isEqualTo("paperless-tls");
    });
    var rule = ingress.getSpec().getRules().get(0);
    assertThat(rule.getHost()).isEqualTo("paperless.example.com");
    var backend = rule.getHttp().getPaths().get(0).getBackend().getService();
    assertThat(backend.getName()).isEqualTo("paperless-maverick-app");
    assertThat(backend.getPort().getName()).isEqualTo("http");
  }

  @Test
  void withoutTheFieldsThereIsNoEcosystemChild() {
    EmbeddingPipeline plain = Fixtures.paperless();
    plain.getMetadata().setUid("uid-1");
    PipelineModel model = PipelineModel.of(plain, dev.maverick.rollout.EffectiveRollout.fromSpec(plain.getSpec()),
        EcosystemExample.policy().getSpec(), dev.maverick.integrations.ApiDiscovery.all());
    for (ChildKind<?> kind : List.of(new Ingresses(), new NetworkPolicies(), new ScaledObjects(),
        new TriggerAuthentications(), new ServiceMonitors(), new PrometheusRules(), new FeatureFlagResources())) {
      assertThat(kind.desired(model)).as(kind.type().getSimpleName()).isEmpty();
    }
  }

  @Test
  void networkPoliciesSelectEachComponentAndRestrictIngressOnly() {
    List<NetworkPolicy> policies = new NetworkPolicies().desired(EcosystemExample.model(EcosystemExample.pipeline()));

    assertThat(policies).extracting(p -> p.getMetadata().getName())
        .containsExactly("paperless-maverick-app", "paperless-maverick-worker");
    assertThat(policies).allSatisfy(p -> assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress"));
    assertThat(policies.get(1).getSpec().getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/component", "worker").containsEntry("app.kubernetes.io/instance", "paperless-maverick");
  }

  @Test
  void kedaReplacesTheWorkerHpaWithAScaledObjectAndItsTriggers() {
    PipelineModel model = EcosystemExample.model(EcosystemExample.pipeline());

    assertThat(new Autoscalers().desired(model)).extracting(h -> h.getMetadata().getName())
        .containsExactly("paperless-maverick-app");
    GenericKubernetesResource scaledObject = new ScaledObjects().desired(model).get(0);
    assertThat(scaledObject.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
    assertThat(scaledObject.getMetadata().getName()).isEqualTo("paperless-maverick-worker");
    assertThat(scaledObject.getMetadata().getAnnotations()).doesNotContainKey(ScaledObjects.PAUSED_REPLICAS);
    Map<?, ?> spec = tree(scaledObject);
    assertThat(spec.get("scaleTargetRef")).isEqualTo(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
        "name", "paperless-maverick-worker"));
    assertThat(spec.get("minReplicaCount")).isEqualTo(2);
    assertThat(spec.get("maxReplicaCount")).isEqualTo(20);
    List<?> triggers = (List<?>) spec.get("triggers");
    assertThat(triggers.get(0)).isEqualTo(Map.of("type", "cpu", "metricType", "Utilization",
        "metadata", Map.of("value", "80")));
    assertThat(triggers.get(1)).isEqualTo(Map.of("type", "prometheus", "name", "queue-depth",
        "metadata", Map.of(
            "serverAddress", "http://prometheus-operated.monitoring.svc:9090",
            "query", "sum(embedding_queue_depth{pipeline=\"paperless-maverick\",namespace=\"paperless-maverick\"})",
            "threshold", "100",
            "authModes", "bearer"),
        "authenticationRef", Map.of("name", "paperless-maverick-worker")));

    GenericKubernetesResource auth = new TriggerAuthentications().desired(model).get(0);
    assertThat(auth.getMetadata().getName()).isEqualTo("paperless-maverick-worker");
    assertThat(tree(auth)).isEqualTo(Map.of("secretTargetRef",
        List.of(Map.of("parameter", "bearerToken", "name", "prometheus-token", "key", "token"))));
  }

  /** Issue 13: TLS and basic auth of the policy's Prometheus reach KEDA's trigger too, by reference. */
  @Test
  void mutualTlsAndBasicAuthGoToKedaThroughTheTriggerAuthentication() {
    PipelineModel model = EcosystemExample.model(EcosystemExample.pipeline(), Optional.empty(),
        EcosystemExample.policyWithTlsAndBasicAuth(false));

    Map<?, ?> prometheus = (Map<?, ?>) ((List<?>) tree(new ScaledObjects().desired(model).get(0)).get("triggers")).get(1);
    assertThat(map(prometheus.get("metadata"))).containsEntry("authModes", "tls,basic").doesNotContainKey("unsafeSsl");
    assertThat(map(prometheus)).containsEntry("authenticationRef", Map.of("name", "paperless-maverick-worker"));
    assertThat(tree(new TriggerAuthentications().desired(model).get(0))).isEqualTo(Map.of(
        "secretTargetRef", List.of(
            Map.of("parameter", "cert", "name", "prometheus-client", "key", "tls.crt"),
            Map.of("parameter", "key", "name", "prometheus-client", "key", "tls.key"),
            Map.of("parameter", "username", "name", "prometheus-basic", "key", "username"),
            Map.of("parameter", "password", "name", "prometheus-basic", "key", "password")),
        "configMapTargetRef", List.of(Map.of("parameter", "ca", "name", "prometheus-ca", "key", "ca.crt"))));
  }

  @Test
  void skippingVerificationIsUnsafeSslForKedaToo() {
    PipelineModel model = EcosystemExample.model(EcosystemExample.pipeline(), Optional.empty(),
        EcosystemExample.policyWithTlsAndBasicAuth(true));

    Map<?, ?> prometheus = (Map<?, ?>) ((List<?>) tree(new ScaledObjects().desired(model).get(0)).get("triggers")).get(1);
    assertThat(map(prometheus.get("metadata"))).containsEntry("unsafeSsl", "true");
  }

  @Test
  void theBearerTokenGoesOnlyToThePolicysOwnPrometheus() {
    EmbeddingPipeline pipeline = EcosystemExample.pipeline();
    String yaml = new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asYaml(pipeline)
        .replace("averageValue: 100", "averageValue: 100\n        serverAddress: http://other-prometheus:9090");
    EmbeddingPipeline elsewhere = new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
        .unmarshal(yaml, EmbeddingPipeline.class);
    PipelineModel model = EcosystemExample.model(elsewhere);

    assertThat(new TriggerAuthentications().desired(model)).isEmpty();
    Map<?, ?> prometheus = (Map<?, ?>) ((List<?>) tree(new ScaledObjects().desired(model).get(0)).get("triggers")).get(1);
    assertThat(map(prometheus)).doesNotContainKey("authenticationRef");
    assertThat(map(prometheus.get("metadata"))).containsEntry("serverAddress", "http://other-prometheus:9090")
        .doesNotContainKey("authModes");
  }

  @Test
  void scaleWorkersPausesTheScaledObjectAtTheOverrideAndLeavesTheReplicasToKeda() {
    PipelineModel paused = EcosystemExample.model(EcosystemExample.pipeline(), Optional.of(0));

    assertThat(new ScaledObjects().desired(paused)).singleElement().satisfies(so ->
        assertThat(so.getMetadata().getAnnotations()).containsExactly(Map.entry(ScaledObjects.PAUSED_REPLICAS, "0")));
    assertThat(new Autoscalers().desired(paused)).extracting(h -> h.getMetadata().getName())
        .containsExactly("paperless-maverick-app");
    assertThat(paused.autoscaled(Component.WORKER)).as("KEDA, not the operator, owns the worker replicas").isTrue();
  }

  @Test
  void liftingThePauseRemovesTheAnnotationOnUpdate() {
    PipelineModel pausedModel = EcosystemExample.model(EcosystemExample.pipeline(), Optional.of(0));
    PipelineModel running = EcosystemExample.model(EcosystemExample.pipeline());
    var live = new ScaledObjects().desired(pausedModel).get(0);
    var replacement = new ScaledObjects().desired(running).get(0);
    replacement.getMetadata().setAnnotations(new java.util.TreeMap<>(live.getMetadata().getAnnotations()));

    new ScaledObjects().preserve(running, live, replacement);

    assertThat(replacement.getMetadata().getAnnotations()).doesNotContainKey(ScaledObjects.PAUSED_REPLICAS);
  }

  @Test
  void serviceMonitorsScrapeEachComponentsMetricsPort() {
    var monitors = new ServiceMonitors().desired(EcosystemExample.model(EcosystemExample.pipeline()));

    assertThat(monitors).extracting(m -> m.getMetadata().getName())
        .containsExactly("paperless-maverick-app", "paperless-maverick-worker");
    assertThat(tree(monitors.get(1))).isEqualTo(Map.of(
        "selector", Map.of("matchLabels", Map.of("app.kubernetes.io/instance", "paperless-maverick",
            "app.kubernetes.io/component", "worker")),
        "endpoints", List.of(Map.of("port", "metrics"))));
  }

  @Test
  void thePrometheusRuleHasOneAlertPerTriggerWithItsQueryConditionAndFor() {
    var rule = new PrometheusRules().desired(EcosystemExample.model(EcosystemExample.pipeline())).get(0);

    assertThat(rule.getMetadata().getName()).isEqualTo("paperless-maverick-rollout");
    List<?> groups = (List<?>) tree(rule).get("groups");
    List<?> rules = (List<?>) ((Map<?, ?>) groups.get(0)).get("rules");
    assertThat(rules).hasSize(2);
    Map<?, ?> apiDown = (Map<?, ?>) rules.get(1);
    assertThat(apiDown.get("expr")).isEqualTo(
        "(sum(rate(embedding_api_errors_total{pipeline=\"paperless-maverick\",namespace=\"paperless-maverick\"}[5m]))) > 5");
    assertThat(apiDown.get("for")).isEqualTo("5m");
    assertThat(apiDown.get("labels")).isEqualTo(Map.of("pipeline", "paperless-maverick",
        "trigger", "embeddingApiDown", "severity", "warning"));
    assertThat(map(apiDown.get("annotations"))).containsKeys("summary", "description");
  }

  @Test
  void theFeatureFlagResourceCarriesTheFlagdFilesFlags() throws Exception {
    PipelineModel model = EcosystemExample.model(EcosystemExample.pipeline());
    var flag = new FeatureFlagResources().desired(model).get(0);

    assertThat(flag.getMetadata().getName()).isEqualTo("paperless-maverick-flags");
    Map<?, ?> flagd = JSON.readValue(model.flagsData().get(FlagsConfigMap.FLAGD_KEY), Map.class);
    assertThat(tree(flag)).isEqualTo(Map.of("flagSpec", Map.of("flags", flagd.get("flags"))));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  /** The spec as plain JSON values (what the API server stores). */
  private static Map<?, ?> tree(GenericKubernetesResource resource) {
    return JSON.convertValue(resource.getAdditionalProperties().get("spec"), Map.class);
  }
}
