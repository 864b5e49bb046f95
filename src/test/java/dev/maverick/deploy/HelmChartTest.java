package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maverick.bench.OperatorProcess;
import dev.maverick.testing.ExternalTools;
import dev.maverick.testing.PodSecurityStandards;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the real helm (v4) on deploy/helm/maverick-operator and inspects what it renders. */
class HelmChartTest {
  static final String CHART = "deploy/helm/maverick-operator";
  static final String NAMESPACE = "maverick-system";
  static final String CHILD = "get,list,watch,create,update";

  /** What the operator may do, as "apiGroup resource verbs" lines; nothing else is granted. */
  static final Set<String> OPERATOR_RULES = Set.of(
      "maverick.dev embeddingpipelines list,watch",
      "maverick.dev rolloutpolicies list,watch",
      "maverick.dev embeddingpipelines/status update",
      "maverick.dev embeddingpipelines/finalizers update",
      "maverick.dev rolloutpolicies/status update",
      "apps deployments " + CHILD,
      " services " + CHILD,
      " configmaps " + CHILD,
      "autoscaling horizontalpodautoscalers " + CHILD + ",delete",
      "policy poddisruptionbudgets " + CHILD,
      "networking.k8s.io ingresses " + CHILD + ",delete",
      "networking.k8s.io networkpolicies " + CHILD + ",delete",
      "keda.sh scaledobjects " + CHILD + ",delete",
      "keda.sh triggerauthentications " + CHILD + ",delete",
      "monitoring.coreos.com servicemonitors " + CHILD + ",delete",
      "monitoring.coreos.com prometheusrules " + CHILD + ",delete",
      "core.openfeature.dev featureflags " + CHILD + ",delete",
      " secrets get",
      " events create");

  static Path helm;

  @BeforeAll
  static void findHelm() {
    helm = ExternalTools.require("helm");
  }

  static ProcessResult helm(String... args) {
    List<String> command = new ArrayList<>(List.of(helm.toString()));
    command.addAll(List.of(args));
    return ProcessResult.run(command);
  }

  static List<JsonNode> render(String... args) {
    List<String> command = new ArrayList<>(List.of("template", "maverick-operator", CHART, "--namespace", NAMESPACE));
    command.addAll(List.of(args));
    return Yaml.documents(helm(command.toArray(String[]::new)).assertSuccess().stdout());
  }

  static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
    return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  static Deployment deployment(List<JsonNode> documents) {
    List<JsonNode> deployments = ofKind(documents, "Deployment");
    assertThat(deployments).hasSize(1);
    return Yaml.convert(deployments.get(0), Deployment.class);
  }

  static Map<String, String> env(Container container) {
    return container.getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  static Set<String> ruleLines(List<PolicyRule> rules) {
    return rules.stream()
        .flatMap(rule -> rule.getApiGroups().stream().flatMap(group -> rule.getResources().stream()
            .map(resource -> group + " " + resource + " " + String.join(",", rule.getVerbs()))))
        .collect(Collectors.toSet());
  }

  @Test
  void lintPassesWithDefaultValues() {
    helm("lint", "--strict", CHART, "--namespace", NAMESPACE).assertSuccess();
  }

  @Test
  void defaultsRenderTheOperatorWithClusterWideRbac() {
    List<JsonNode> documents = render();

    Map<String, List<String>> namesByKind = documents.stream().collect(Collectors.groupingBy(
        d -> d.path("kind").asText(), Collectors.mapping(d -> d.path("metadata").path("name").asText(),
            Collectors.toList())));
    assertThat(namesByKind).containsOnlyKeys("CustomResourceDefinition", "ServiceAccount", "ClusterRole",
        "ClusterRoleBinding", "Role", "RoleBinding", "Service", "Deployment", "PodDisruptionBudget");
    assertThat(namesByKind.get("CustomResourceDefinition"))
        .containsExactlyInAnyOrder("embeddingpipelines.maverick.dev", "rolloutpolicies.maverick.dev");
    assertThat(namesByKind.get("Service")).containsExactly("maverick-operator-metrics");
    assertThat(namesByKind.get("Role")).containsExactly("maverick-operator-leader-election");

    Role clusterRole = ofKind(documents, "ClusterRole").stream().map(d -> Yaml.convert(d, Role.class))
        .filter(role -> role.getMetadata().getName().equals("maverick-operator")).findFirst().orElseThrow();
    assertThat(ruleLines(clusterRole.getRules())).isEqualTo(OPERATOR_RULES);
    JsonNode binding = ofKind(documents, "ClusterRoleBinding").get(0);
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo("maverick-operator");
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("maverick-operator");
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(NAMESPACE);

    JsonNode pdb = ofKind(documents, "PodDisruptionBudget").get(0);
    assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
  }

  /** The ClusterRoles that extend the built-in view, edit and admin roles, by the role they extend. */
  static Map<String, Role> aggregatedRoles(List<JsonNode> documents) {
    Map<String, Role> roles = new java.util.TreeMap<>();
    for (JsonNode document : ofKind(documents, "ClusterRole")) {
      document.at("/metadata/labels").fields().forEachRemaining(label -> {
        if (label.getKey().startsWith(AGGREGATE_TO) && label.getValue().asText().equals("true")) {
          roles.put(label.getKey().substring(AGGREGATE_TO.length()), Yaml.convert(document, Role.class));
        }
      });
    }
    return roles;
  }

  static final String AGGREGATE_TO = "rbac.authorization.k8s.io/aggregate-to-";

  @Test
  void peopleGetViewEditAndAdminOnBothKindsThroughTheBuiltInRoles() {
    Map<String, Role> roles = aggregatedRoles(render());

    assertThat(roles).containsOnlyKeys("view", "edit", "admin");
    String read = "get,list,watch";
    String write = read + ",create,update,patch,delete";
    Set<String> statusReadOnly = Set.of("maverick.dev embeddingpipelines/status " + read,
        "maverick.dev rolloutpolicies/status " + read);
    assertThat(ruleLines(roles.get("view").getRules())).isEqualTo(union(statusReadOnly,
        Set.of("maverick.dev embeddingpipelines " + read, "maverick.dev rolloutpolicies " + read)));
    assertThat(ruleLines(roles.get("edit").getRules())).isEqualTo(union(statusReadOnly,
        Set.of("maverick.dev embeddingpipelines " + write, "maverick.dev rolloutpolicies " + write)));
    assertThat(ruleLines(roles.get("admin").getRules())).isEqualTo(union(statusReadOnly,
        Set.of("maverick.dev embeddingpipelines " + write + ",deletecollection",
            "maverick.dev rolloutpolicies " + write + ",deletecollection")));
    assertThat(roles.values()).extracting(role -> role.getMetadata().getName()).containsExactlyInAnyOrder(
        "maverick-operator-view", "maverick-operator-edit", "maverick-operator-admin");
    // aggregation needs no binding of its own: the built-in roles pick the rules up
    assertThat(ofKind(render(), "ClusterRoleBinding")).extracting(b -> b.at("/roleRef/name").asText())
        .containsExactly("maverick-operator");
  }

  @Test
  void aggregatedRolesAlsoServeNamespacedInstallsAndCanBeTurnedOff() {
    assertThat(aggregatedRoles(render("--set", "watchNamespaces={a,b}"))).containsOnlyKeys("view", "edit", "admin");
    assertThat(aggregatedRoles(render("--set", "aggregatedRoles.enabled=false"))).isEmpty();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void noRuleUsesAWildcard() {
    List<JsonNode> documents = new ArrayList<>(render());
    documents.addAll(render("--set", "watchNamespaces={a,b}"));
    List<PolicyRule> rules = documents.stream()
        .filter(d -> d.path("kind").asText().endsWith("Role"))
        .flatMap(d -> Yaml.convert(d, Role.class).getRules().stream())
        .toList();
    assertThat(rules).isNotEmpty().allSatisfy(rule -> {
      assertThat(rule.getApiGroups()).doesNotContain("*");
      assertThat(rule.getResources()).doesNotContain("*");
      assertThat(rule.getVerbs()).doesNotContain("*");
      assertThat(rule.getResourceNames()).isNullOrEmpty();
    });
  }

  @Test
  void leaderElectionGetsALeaseRoleInTheReleaseNamespace() {
    List<JsonNode> documents = render();
    Role lease = Yaml.convert(ofKind(documents, "Role").get(0), Role.class);
    assertThat(lease.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(ruleLines(lease.getRules())).containsExactly("coordination.k8s.io leases get,create,update,patch");
    JsonNode binding = ofKind(documents, "RoleBinding").get(0);
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo("maverick-operator-leader-election");

    Deployment deployment = deployment(documents);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(env(operator)).containsEntry("MAVERICK_LEADER_ELECTION", "true")
        .containsEntry("MAVERICK_LEASE_NAMESPACE", "$(POD_NAMESPACE)")
        .containsEntry("MAVERICK_LEASE_NAME", "maverick-operator");
    EnvVar podNamespace = operator.getEnv().stream().filter(e -> e.getName().equals("POD_NAMESPACE")).findFirst()
        .orElseThrow();
    assertThat(podNamespace.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
    // $(POD_NAMESPACE) only expands when POD_NAMESPACE is defined earlier in the list.
    List<String> names = operator.getEnv().stream().map(EnvVar::getName).toList();
    assertThat(names.indexOf("POD_NAMESPACE")).isLessThan(names.indexOf("MAVERICK_LEASE_NAMESPACE"));
  }

  @Test
  void aShardReleaseHandlesItsShardWithALeaseOfItsOwn() {
    Container unsharded = deployment(render()).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(env(unsharded)).containsEntry("MAVERICK_SHARD", "");

    List<JsonNode> documents = render("--set", "shard=eu-1", "--set", "crds.install=false");
    Container operator = deployment(documents).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(env(operator)).containsEntry("MAVERICK_SHARD", "eu-1")
        .containsEntry("MAVERICK_LEASE_NAME", "maverick-operator-eu-1");
    assertThat(ofKind(documents, "CustomResourceDefinition")).isEmpty();
  }

  @Test
  void withoutLeaderElectionThereIsNoLeaseAccess() {
    List<JsonNode> documents = render("--set", "leaderElection.enabled=false", "--set", "replicaCount=1");
    assertThat(ofKind(documents, "Role")).isEmpty();
    assertThat(ofKind(documents, "RoleBinding")).isEmpty();
    Container operator = deployment(documents).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(env(operator)).containsEntry("MAVERICK_LEADER_ELECTION", "false");
  }

  @Test
  void moreThanOneReplicaWithoutLeaderElectionFailsWithAMessage() {
    ProcessResult template = helm("template", "maverick-operator", CHART, "--namespace", NAMESPACE,
        "--set", "leaderElection.enabled=false", "--set", "replicaCount=3");
    assertThat(template.exitCode()).isNotZero();
    assertThat(template.stderr()).contains("replicaCount is 3 but leaderElection.enabled is false")
        .contains("set replicaCount: 1 or enable leader election");
  }

  @Test
  void thePodMeetsPodSecurityStandardRestrictedWithAndWithoutFixedUids() throws Exception {
    PodTemplateSpec hardened = deployment(render()).getSpec().getTemplate();
    PodSecurityStandards.assertRestricted("operator pod (defaults)", hardened);
    assertThat(hardened.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(hardened.getSpec().getSecurityContext().getFsGroup()).isEqualTo(65532L);
    assertThat(hardened.getSpec().getContainers().get(0).getSecurityContext().getRunAsUser()).isEqualTo(65532L);

    // OpenShift's restricted SCC assigns a UID from the namespace's range and rejects a fixed one
    Path values = Files.createTempFile("values", ".yaml");
    try {
      Files.writeString(values, """
          podSecurityContext: {runAsUser: null, runAsGroup: null, fsGroup: null}
          securityContext: {runAsUser: null, runAsGroup: null}
          """);
      PodTemplateSpec assigned = deployment(render("-f", values.toString())).getSpec().getTemplate();
      PodSecurityStandards.assertRestricted("operator pod (cluster-assigned UID)", assigned);
      var pod = assigned.getSpec().getSecurityContext();
      var container = assigned.getSpec().getContainers().get(0).getSecurityContext();
      assertThat(List.of(pod.getRunAsUser() == null, pod.getRunAsGroup() == null, pod.getFsGroup() == null,
          container.getRunAsUser() == null, container.getRunAsGroup() == null)).containsOnly(true);
      assertThat(pod.getRunAsNonRoot()).isTrue();
      assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    } finally {
      Files.delete(values);
    }
  }

  @Test
  void securityContextFieldsAreValues() {
    PodTemplateSpec pod = deployment(render("--set", "securityContext.readOnlyRootFilesystem=false",
        "--set", "podSecurityContext.supplementalGroups={4000}")).getSpec().getTemplate();
    assertThat(pod.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isFalse();
    assertThat(pod.getSpec().getContainers().get(0).getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(pod.getSpec().getSecurityContext().getSupplementalGroups()).containsExactly(4000L);
  }

  @Test
  void watchNamespacesGiveOneRolePerNamespaceAndNoClusterRole() {
    List<JsonNode> documents = render("--set", "watchNamespaces={a,b}");

    assertThat(ofKind(documents, "ClusterRole")).extracting(d -> d.at("/metadata/name").asText())
        .doesNotContain("maverick-operator");
    assertThat(ofKind(documents, "ClusterRoleBinding")).isEmpty();
    List<Role> operatorRoles = ofKind(documents, "Role").stream().map(d -> Yaml.convert(d, Role.class))
        .filter(role -> role.getMetadata().getName().equals("maverick-operator")).toList();
    assertThat(operatorRoles).extracting(role -> role.getMetadata().getNamespace()).containsExactly("a", "b");
    assertThat(operatorRoles).allSatisfy(role -> assertThat(ruleLines(role.getRules())).isEqualTo(OPERATOR_RULES));
    assertThat(ofKind(documents, "RoleBinding").stream()
        .filter(d -> d.at("/roleRef/name").asText().equals("maverick-operator"))
        .map(d -> d.at("/metadata/namespace").asText() + " -> " + d.at("/subjects/0/namespace").asText()))
        .containsExactly("a -> " + NAMESPACE, "b -> " + NAMESPACE);

    Container operator = deployment(documents).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(env(operator)).containsEntry("MAVERICK_WATCH_NAMESPACES", "a,b");
  }

  @Test
  void deploymentIsHardenedAndSizedToItsContainer() {
    Deployment deployment = deployment(render());
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("maverick-operator");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

    assertThat(pod.getContainers()).hasSize(1);
    Container operator = pod.getContainers().get(0);
    assertThat(operator.getImage()).isEqualTo("ghcr.io/maverick-dev/maverick-operator:0.1.0");
    var security = operator.getSecurityContext();
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getPrivileged()).isFalse();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

    assertThat(operator.getVolumeMounts()).singleElement()
        .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
    String tmpVolume = operator.getVolumeMounts().get(0).getName();
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(tmpVolume)).singleElement()
        .satisfies(volume -> assertThat(volume.getEmptyDir()).isNotNull());

    assertThat(operator.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(operator.getResources().getLimits()).containsEntry("memory", new Quantity("512Mi"))
        .containsKey("cpu");
    // the benchmark runs the operator with what the chart sets: its figures are the chart's
    assertThat(env(operator).get("JAVA_TOOL_OPTIONS")).isEqualTo(OperatorProcess.CHART_JAVA_TOOL_OPTIONS);
    assertThat(env(operator).get("MALLOC_ARENA_MAX")).isEqualTo(OperatorProcess.CHART_MALLOC_ARENA_MAX);

    assertThat(operator.getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getName()).isEqualTo("http");
      assertThat(port.getContainerPort()).isEqualTo(8080);
    });
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(operator.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");

    assertThat(env(operator)).containsEntry("MAVERICK_WATCH_NAMESPACES", "")
        .containsEntry("MAVERICK_HTTP_PORT", "8080")
        .containsEntry("MAVERICK_LOG_LEVEL", "INFO");
  }

  /** Issue 11.5: the allow-lists reach the operator as environment variables, and only when set. */
  @Test
  void allowedUrlPrefixesBecomeTheOperatorsAllowLists() {
    Container plain = deployment(render()).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(env(plain)).doesNotContainKeys("MAVERICK_ALLOWED_PROMETHEUS_URL_PREFIXES",
        "MAVERICK_ALLOWED_WEBHOOK_URL_PREFIXES");

    Container restricted = deployment(render(
        "--set", "prometheus.allowedUrlPrefixes={http://prometheus-operated.monitoring.svc:9090,https://thanos.example/}",
        "--set", "webhooks.allowedUrlPrefixes={https://hooks.slack.com/}"))
        .getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(env(restricted))
        .containsEntry("MAVERICK_ALLOWED_PROMETHEUS_URL_PREFIXES",
            "http://prometheus-operated.monitoring.svc:9090,https://thanos.example/")
        .containsEntry("MAVERICK_ALLOWED_WEBHOOK_URL_PREFIXES", "https://hooks.slack.com/");
  }

  /** Issue 11.7: a truststore (or any file) can be mounted beside the operator's own /tmp. */
  @Test
  void extraVolumesAndMountsAreAdded() {
    PodSpec pod = deployment(render(
        "--set-json", "extraVolumes=[{\"name\":\"corp-ca\",\"configMap\":{\"name\":\"corp-ca\"}}]",
        "--set-json", "extraVolumeMounts=[{\"name\":\"corp-ca\",\"mountPath\":\"/etc/maverick/ca\",\"readOnly\":true}]"))
        .getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes()).extracting(v -> v.getName()).contains("corp-ca").hasSize(2);
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("corp-ca")).singleElement()
        .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo("corp-ca"));
    assertThat(pod.getContainers().get(0).getVolumeMounts()).hasSize(2).anySatisfy(mount -> {
      assertThat(mount.getName()).isEqualTo("corp-ca");
      assertThat(mount.getMountPath()).isEqualTo("/etc/maverick/ca");
      assertThat(mount.getReadOnly()).isTrue();
    });
  }

  @Test
  void theDashboardIsOnByDefaultAndAValueTurnsItOff() {
    assertThat(env(deployment(render()).getSpec().getTemplate().getSpec().getContainers().get(0)))
        .containsEntry("MAVERICK_DASHBOARD_ENABLED", "true");
    assertThat(env(deployment(render("--set", "dashboard.enabled=false")).getSpec().getTemplate().getSpec()
        .getContainers().get(0))).containsEntry("MAVERICK_DASHBOARD_ENABLED", "false");
  }

  @Test
  void imageTagAndRepositoryComeFromValues() {
    Deployment deployment = deployment(render("--set", "image.repository=registry.example/maverick",
        "--set", "image.tag=1.2.3"));
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example/maverick:1.2.3");
  }

  @Test
  void crdsAreTheChartCopiesOfCrdsDirAnnotatedKeep() {
    List<JsonNode> crds = ofKind(render(), "CustomResourceDefinition");
    assertThat(crds).hasSize(2);
    Comparator<JsonNode> sameValue = (a, b) -> a.isNumber() && b.isNumber()
        ? a.decimalValue().compareTo(b.decimalValue())
        : a.equals(b) ? 0 : 1;
    for (JsonNode rendered : crds) {
      String name = rendered.at("/metadata/name").asText();
      assertThat(rendered.at("/metadata/annotations/helm.sh~1resource-policy").asText()).isEqualTo("keep");
      JsonNode source = Yaml.file(Path.of(CHART, "files", "crds", name + ".yaml"));
      ObjectNode renderedWithoutHelmMetadata = rendered.deepCopy();
      ((ObjectNode) renderedWithoutHelmMetadata.get("metadata")).remove(List.of("annotations", "labels"));
      ObjectNode sourceWithoutHelmMetadata = source.deepCopy();
      ((ObjectNode) sourceWithoutHelmMetadata.get("metadata")).remove(List.of("annotations", "labels"));
      assertThat(renderedWithoutHelmMetadata.equals(sameValue, sourceWithoutHelmMetadata))
          .as("rendered CRD %s equals files/crds/%s.yaml", name, name).isTrue();
    }
  }

  @Test
  void crdsCanBeLeftOut() {
    assertThat(ofKind(render("--set", "crds.install=false"), "CustomResourceDefinition")).isEmpty();
  }

  @Test
  void serviceMonitorRendersWhenItsValueIsOnEvenWhereTheClusterDoesNotAdvertiseTheApi() {
    assertThat(ofKind(render("--api-versions", "monitoring.coreos.com/v1/ServiceMonitor"), "ServiceMonitor"))
        .isEmpty();

    List<JsonNode> documents = render("--set", "serviceMonitor.enabled=true", "--set",
        "serviceMonitor.labels.release=kube-prometheus-stack");
    List<JsonNode> monitors = ofKind(documents, "ServiceMonitor");
    assertThat(monitors).hasSize(1);
    JsonNode service = ofKind(documents, "Service").get(0);
    JsonNode monitor = monitors.get(0);
    assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
    assertThat(monitor.at("/spec/endpoints/0/port").asText())
        .isEqualTo(service.at("/spec/ports/0/name").asText()).isEqualTo("http");
    assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
    monitor.at("/spec/selector/matchLabels").fields().forEachRemaining(label ->
        assertThat(service.path("metadata").path("labels").path(label.getKey()).asText()).isEqualTo(label.getValue().asText()));
  }

  @Test
  void monitoringObjectsAreOptIn() {
    List<JsonNode> documents = render();
    assertThat(ofKind(documents, "PrometheusRule")).isEmpty();
    assertThat(ofKind(documents, "ConfigMap")).isEmpty();
    assertThat(ofKind(documents, "ServiceMonitor")).isEmpty();
  }

  @Test
  void prometheusRuleCarriesTheAlertsAndItsSelectorLabels() {
    List<JsonNode> rules = ofKind(render("--set", "prometheusRule.enabled=true",
        "--set", "prometheusRule.labels.release=kube-prometheus-stack"), "PrometheusRule");
    assertThat(rules).hasSize(1);
    assertThat(rules.get(0).at("/apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rules.get(0).at("/metadata/namespace").asText()).isEqualTo(NAMESPACE);
    assertThat(rules.get(0).at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
    assertThat(rules.get(0).at("/spec/groups").findValuesAsText("alert")).contains("MaverickOperatorDown");
  }

  @Test
  void grafanaDashboardConfigMapIsLabelledForTheSidecar() throws Exception {
    JsonNode dashboard = Yaml.MAPPER.readTree(Files.readString(Path.of("deploy/grafana/maverick-dashboard.json")));

    List<JsonNode> maps = ofKind(render("--set", "grafanaDashboard.enabled=true"), "ConfigMap");
    assertThat(maps).hasSize(1);
    assertThat(maps.get(0).at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(maps.get(0).at("/metadata/namespace").asText()).isEqualTo(NAMESPACE);
    assertThat(maps.get(0).at("/data").size()).isEqualTo(1);
    assertThat(Yaml.MAPPER.readTree(maps.get(0).at("/data/maverick-dashboard.json").asText())).isEqualTo(dashboard);

    JsonNode custom = ofKind(render("--set", "grafanaDashboard.enabled=true",
        "--set", "grafanaDashboard.labels.grafana_dashboard=null", "--set", "grafanaDashboard.labels.dashboards=maverick",
        "--set", "grafanaDashboard.annotations.grafana_folder=Maverick", "--set", "grafanaDashboard.namespace=monitoring"),
        "ConfigMap").get(0);
    assertThat(custom.at("/metadata/labels/dashboards").asText()).isEqualTo("maverick");
    assertThat(custom.at("/metadata/labels").has("grafana_dashboard")).isFalse();
    assertThat(custom.at("/metadata/annotations/grafana_folder").asText()).isEqualTo("Maverick");
    assertThat(custom.at("/metadata/namespace").asText()).isEqualTo("monitoring");
  }

  @Test
  void metricsServiceSelectsTheOperatorPods() {
    List<JsonNode> documents = render();
    JsonNode service = ofKind(documents, "Service").get(0);
    JsonNode podLabels = ofKind(documents, "Deployment").get(0).at("/spec/template/metadata/labels");
    service.at("/spec/selector").fields().forEachRemaining(selector ->
        assertThat(podLabels.path(selector.getKey()).asText()).isEqualTo(selector.getValue().asText()));
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
  }

  @Test
  void singleReplicaHasNoPodDisruptionBudget() {
    assertThat(ofKind(render("--set", "replicaCount=1"), "PodDisruptionBudget")).isEmpty();
  }

  @Test
  void networkPolicyIsOptional() {
    assertThat(ofKind(render(), "NetworkPolicy")).isEmpty();
    List<JsonNode> policies = ofKind(render("--set", "networkPolicy.enabled=true"), "NetworkPolicy");
    assertThat(policies).hasSize(1);
    assertThat(policies.get(0).at("/spec/ingress/0/ports/0/port").asText()).isEqualTo("http");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "replicaCount=two|/replicaCount",
      "logLevel=LOUD|/logLevel",
      "watchNamespaces=a|/watchNamespaces",
      "replicaCount=0|/replicaCount",
      "crds.instal=true|instal",
      "shard=EU_1|/shard",
      "dashboard.enabled=sometimes|/dashboard/enabled"})
  void badValuesFailTheSchema(String value, String namedInError) throws Exception {
    Path values = Files.createTempFile("values", ".yaml");
    try {
      String[] keyAndValue = value.split("=", 2);
      Files.writeString(values, nested(keyAndValue[0], keyAndValue[1]));
      ProcessResult template = helm("template", "x", CHART, "-f", values.toString());
      assertThat(template.exitCode()).isNotZero();
      assertThat(template.stderr()).contains("values don't meet the specifications of the schema").contains(namedInError);
      ProcessResult lint = helm("lint", CHART, "-f", values.toString());
      assertThat(lint.exitCode()).isNotZero();
      assertThat(lint.stdout() + lint.stderr()).contains(namedInError);
    } finally {
      Files.delete(values);
    }
  }

  /** "a.b" and "v" as YAML {@code a: {b: v}}; v is written verbatim so "two" stays a string. */
  private static String nested(String dottedKey, String value) {
    String[] keys = dottedKey.split("\\.");
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < keys.length; i++) {
      yaml.append("  ".repeat(i)).append(keys[i]).append(':').append(i == keys.length - 1 ? " " + value : "")
          .append('\n');
    }
    return yaml.toString();
  }
}
