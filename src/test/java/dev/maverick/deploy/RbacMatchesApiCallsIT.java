package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maverick.api.Action;
import dev.maverick.api.ActionType;
import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.MetricCondition;
import dev.maverick.api.Notification;
import dev.maverick.api.NotificationType;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.SecretKeyRef;
import dev.maverick.api.Trigger;
import dev.maverick.pipeline.PipelineChildren;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.runtime.OperatorSettings;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.MutableClock;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC is exactly what the operator uses: a scenario exercising every API path of the
 * operator (children created, updated, adopted and removed, Secrets read, Events, status,
 * leader election) is recorded at the API server, and every call must be allowed by the rendered
 * chart, while every rule must be used by some call. Calls include what an admission plugin of locked-down
 * clusters checks on top of the request (see {@link #ownerReferencesPermissionEnforcement}).
 */
class RbacMatchesApiCallsIT {
  /** Any authenticated user may ask what it is allowed to do (JOSDK checks its Lease access so). */
  private static final Set<String> GRANTED_TO_EVERYONE =
      Set.of("authorization.k8s.io selfsubjectrulesreviews create");
  /** JOSDK refuses to start leader election unless its SelfSubjectRulesReview shows this verb. */
  private static final Set<String> REQUIRED_BY_JOSDK_CHECK = Set.of("coordination.k8s.io leases update");
  private static final Pattern PATH = Pattern.compile(
      "^/(?:api/v1|apis/(?<group>[^/]+)/[^/]+)(?:/namespaces/[^/]+)?/(?<resource>[^/?]+)(?:/(?<name>[^/?]+)(?:/(?<sub>[^/?]+))?)?(?:\\?(?<query>.*))?$");

  @Test
  void everyCallIsAllowedAndEveryRuleIsUsed() throws Exception {
    HelmChartTest.findHelm();
    Set<String> used = new TreeSet<>();
    MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    try (FakePrometheusServer prometheus = new FakePrometheusServer();
        OperatorHarness k8s = OperatorHarness.start(
            new OperatorSettings(Set.of(), 0, true, "maverick-system", "maverick-operator", 4), clock)) {
      prometheus.answerData("{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"0.5\"]}]}");
      k8s.create(secret("prom-token", "token", "t0ken"));
      k8s.create(secret("slack-webhook", "url", "http://127.0.0.1:9/hook"));
      k8s.create(policy(prometheus.url()));
      k8s.create(Fixtures.paperlessUsing("standard-rollout"));
      k8s.awaitChild(HorizontalPodAutoscaler.class, "paperless-maverick-worker");

      // adoption: a child that lost our label is taken back, for every kind
      for (var kind : PipelineChildren.KINDS) {
        String name = kind.type() == ConfigMap.class ? "paperless-maverick-flags" : "paperless-maverick-app";
        k8s.edit(kind.type(), name, child -> {
          child.getMetadata().getLabels().remove("app.kubernetes.io/managed-by");
          return child;
        });
        await().until(() -> "maverick-operator".equals(k8s.get(kind.type(), name).getMetadata().getLabels()
            .get("app.kubernetes.io/managed-by")));
      }

      // the trigger's window completes: workers stop (worker HPA deleted), the flag goes off
      clock.advance(Duration.ofMinutes(2));
      await().untilAsserted(() -> {
        assertThat(k8s.get(HorizontalPodAutoscaler.class, "paperless-maverick-worker")).isNull();
        assertThat(k8s.get(ConfigMap.class, "paperless-maverick-flags").getData())
            .containsEntry("ENABLE_EMBEDDING_MONITORING", "false");
      });
      // leader election renews its Lease; the actions' Events follow their status write
      await().until(() -> k8s.takeRequests().stream()
          .filter(OperatorHarness::fromOperator)
          .map(RbacMatchesApiCallsIT::rbacCall)
          .collect(Collectors.toCollection(() -> used))
          .containsAll(List.of("coordination.k8s.io leases patch", " events create")));
      used.addAll(ownerReferencesPermissionEnforcement(used, childrenBlockingOwnerDeletion(k8s)));
    }
    used.removeAll(GRANTED_TO_EVERYONE);

    Set<String> granted = new TreeSet<>();
    List<JsonNode> documents = HelmChartTest.render();
    // only the roles bound to the operator's ServiceAccount; the aggregated roles are for people
    Set<String> boundToOperator = documents.stream()
        .filter(d -> Set.of("ClusterRoleBinding", "RoleBinding").contains(d.path("kind").asText()))
        .filter(d -> d.at("/subjects/0/kind").asText().equals("ServiceAccount"))
        .map(d -> d.at("/roleRef/kind").asText() + "/" + d.at("/roleRef/name").asText())
        .collect(Collectors.toSet());
    List<PolicyRule> rules = documents.stream()
        .filter(d -> Set.of("ClusterRole", "Role").contains(d.path("kind").asText()))
        .filter(d -> boundToOperator.contains(d.path("kind").asText() + "/" + d.at("/metadata/name").asText()))
        .flatMap(d -> Yaml.convert(d, Role.class).getRules().stream())
        .toList();
    for (PolicyRule rule : rules) {
      assertThat(rule.getApiGroups()).doesNotContain("*");
      assertThat(rule.getResources()).doesNotContain("*");
      assertThat(rule.getVerbs()).doesNotContain("*");
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            granted.add(group + " " + resource + " " + verb);
          }
        }
      }
    }
    System.out.println("RBAC: the operator made calls of " + used.size() + " kinds: " + used);
    assertThat(granted).as("calls the chart must allow").containsAll(used);
    Set<String> justified = new TreeSet<>(used);
    justified.addAll(REQUIRED_BY_JOSDK_CHECK);
    assertThat(justified).as("rules the operator never uses").containsAll(granted);
    assertThat(granted.stream().filter(g -> g.startsWith(" secrets "))).containsExactly(" secrets get");
  }

  /**
   * What the OwnerReferencesPermissionEnforcement admission plugin (OpenShift, hardened clusters) checks
   * on top of a request: creating or updating an object whose ownerReference has blockOwnerDeletion:
   * true needs `update` on the owner's `finalizers` subresource. The mock API server has no admission
   * plugins (and its dispatcher consumes request bodies), so this simulates the plugin: every recorded
   * create or update of a resource whose stored objects block their pipeline's deletion requires it.
   */
  static Set<String> ownerReferencesPermissionEnforcement(Set<String> calls, Set<String> blockingResources) {
    boolean required = calls.stream().anyMatch(call -> blockingResources.stream()
        .anyMatch(resource -> call.equals(resource + " create") || call.equals(resource + " update")));
    return required ? Set.of("maverick.dev embeddingpipelines/finalizers update") : Set.of();
  }

  /** "apiGroup resource" of each child kind whose objects carry blockOwnerDeletion towards a pipeline. */
  private static Set<String> childrenBlockingOwnerDeletion(OperatorHarness k8s) {
    Set<String> resources = new TreeSet<>();
    for (var kind : PipelineChildren.KINDS) {
      List<? extends HasMetadata> children = k8s.client.resources(kind.type()).inNamespace("paperless-maverick")
          .list().getItems();
      assertThat(children).as(kind.type().getSimpleName()).isNotEmpty();
      boolean blocking = children.stream().anyMatch(child -> child.getMetadata().getOwnerReferences().stream()
          .anyMatch(ref -> "EmbeddingPipeline".equals(ref.getKind()) && Boolean.TRUE.equals(ref.getBlockOwnerDeletion())));
      if (blocking) {
        resources.add(HasMetadata.getGroup(kind.type()) + " " + HasMetadata.getPlural(kind.type()));
      }
    }
    return resources;
  }

  /** "apiGroup resource[/subresource] verb" of a request, as RBAC sees it. */
  static String rbacCall(RecordedRequest request) {
    Matcher m = PATH.matcher(request.getPath());
    if (!m.matches()) {
      throw new AssertionError("unexpected API path " + request.getPath());
    }
    String group = m.group("group") == null ? "" : m.group("group");
    String resource = m.group("resource") + (m.group("sub") == null ? "" : "/" + m.group("sub"));
    boolean named = m.group("name") != null;
    String query = m.group("query") == null ? "" : m.group("query");
    String verb = switch (request.getMethod()) {
      case "GET" -> !named ? (query.contains("watch=true") ? "watch" : "list") : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> throw new AssertionError("unexpected method " + request.getMethod());
    };
    return group + " " + resource + " " + verb;
  }

  private static HasMetadata secret(String name, String key, String value) {
    return new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName(name).build())
        .withData(Map.of(key, java.util.Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .build();
  }

  private static RolloutPolicy policy(String prometheusUrl) {
    RolloutPolicy policy = new RolloutPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("standard-rollout").build());
    policy.setSpec(new RolloutPolicySpec(
        new PrometheusSpec(prometheusUrl, "1s", new SecretKeyRef("prom-token", "token"), Map.of()),
        "1s", null, null, null, null,
        List.of(new Trigger("embeddingSuccessRate", "embedding_success_ratio{pipeline=\"{{pipeline}}\"}",
            new MetricCondition(ComparisonOperator.LessThan, 0.85), "1m",
            List.of(new Action(ActionType.ScaleWorkers, null, null, null, 0),
                new Action(ActionType.DisableFlag, "embeddingMonitoring", null, null, null)))),
        List.of(new Notification(NotificationType.Webhook, new SecretKeyRef("slack-webhook", "url")))));
    return policy;
  }
}
