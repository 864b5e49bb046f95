package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12: an evaluation tick that changes no decision does not render or compare the children
 * ({@code maverick_child_syncs_total{outcome="unchanged"}}); an edited or deleted child, or a
 * decision that changes the effective configuration, still brings them back to the desired state.
 */
class ChildrenSyncIT {
  private static final String HEALTHY = """
      {"resultType":"vector","result":[{"metric":{},"value":[1700000000,"0.99"]}]}""";
  private static final String BREACHING = """
      {"resultType":"vector","result":[{"metric":{},"value":[1700000000,"0.5"]}]}""";
  private static final String PIPELINE = "paperless-maverick";

  private final FakePrometheusServer prometheus = new FakePrometheusServer();
  // real time: the policy evaluates every second, so ticks come by themselves
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().clock(Clock.systemUTC()).build();

  @BeforeEach
  void start() {
    prometheus.answerData(HEALTHY);
    k8s.create(Fixtures.everySecondPolicy(prometheus.url()).build());
    k8s.create(Fixtures.paperlessUsing("every-second"));
    k8s.rollOutPipeline(PIPELINE);
  }

  @AfterEach
  void stop() {
    prometheus.close();
  }

  @Test
  void evaluationsAtRestNeitherCompareNorWriteChildren() {
    k8s.awaitQueries(1);
    double applied = syncs("applied");
    double unchanged = syncs("unchanged");
    k8s.clearRequests();

    k8s.awaitQueries(3);

    assertThat(syncs("applied")).as("syncs that rendered and compared the children").isEqualTo(applied);
    assertThat(syncs("unchanged")).as("evaluations that skipped them").isGreaterThanOrEqualTo(unchanged + 3);
    assertThat(operatorWrites()).as("writes at rest").isEmpty();
  }

  @Test
  void anEditedOrDeletedChildIsStillRepaired() {
    k8s.awaitQueries(1);
    double applied = syncs("applied");

    k8s.edit(Service.class, PIPELINE + "-app", service -> {
      service.getSpec().setSelector(Map.of("app", "someone-else"));
      return service;
    });
    await().untilAsserted(() -> assertThat(k8s.get(Service.class, PIPELINE + "-app").getSpec().getSelector())
        .doesNotContainEntry("app", "someone-else"));
    k8s.client.configMaps().inNamespace(OperatorHarness.NAMESPACE).withName(PIPELINE + "-flags").delete();
    await().until(() -> k8s.get(ConfigMap.class, PIPELINE + "-flags") != null);

    assertThat(syncs("applied")).isGreaterThanOrEqualTo(applied + 2);
  }

  @Test
  void aStatusWrittenByAnotherControllerIsShownWithoutComparingTheChildren() {
    k8s.awaitQueries(1);
    double applied = syncs("applied");

    k8s.client.apps().deployments().inNamespace(OperatorHarness.NAMESPACE).withName(PIPELINE + "-worker")
        .editStatus(d -> {
          d.getStatus().setReadyReplicas(1);
          return d;
        });

    await().until(() -> Integer.valueOf(1).equals(k8s.pipeline(PIPELINE).getStatus().worker().readyReplicas()));
    assertThat(syncs("applied")).as("the kubelet's status is not a change of the Deployment").isEqualTo(applied);
  }

  @Test
  void anEditedDeploymentSpecIsRepaired() {
    k8s.awaitQueries(1);
    String image = k8s.get(Deployment.class, PIPELINE + "-app").getSpec().getTemplate().getSpec().getContainers()
        .get(0).getImage();

    k8s.edit(Deployment.class, PIPELINE + "-app", d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example/someone-else:1");
      return d;
    });

    await().untilAsserted(() -> assertThat(k8s.get(Deployment.class, PIPELINE + "-app").getSpec().getTemplate()
        .getSpec().getContainers().get(0).getImage()).isEqualTo(image));
  }

  @Test
  void aDecisionThatChangesTheEffectiveConfigurationReachesTheChildren() {
    k8s.awaitQueries(1);
    double applied = syncs("applied");

    prometheus.answerData(BREACHING);

    await().until(() -> Integer.valueOf(0).equals(k8s.get(Deployment.class, PIPELINE + "-worker").getSpec().getReplicas()));
    assertThat(syncs("applied")).isGreaterThan(applied);
  }

  private double syncs(String outcome) {
    var counter = k8s.meters.find("maverick.child.syncs").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private List<String> operatorWrites() {
    return k8s.takeRequests().stream()
        .filter(r -> OperatorHarness.OPERATOR_USER_AGENT.equals(r.getHeader("User-Agent")))
        .filter(r -> !"GET".equals(r.getMethod()))
        .map(RecordedRequest::getPath)
        .toList();
  }
}
