package dev.maverick.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.bench.OperatorProcess;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.runtime.MaverickOperator;
import dev.maverick.runtime.OperatorSettings;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6.3: two operator instances with leader election on one API server. Only the leader
 * writes; stopping it hands over to the other, which applies no action a second time.
 */
class LeaderFailoverIT {
  private static final String WEBHOOK_PATH = "/services/T000/B000/failover";
  private static final OperatorSettings LEADER_ELECTION = new OperatorSettings(Set.of(), 0, true,
      OperatorHarness.NAMESPACE, "maverick-operator", 4);

  private final FakePrometheusServer prometheus = new FakePrometheusServer();
  private final FakePrometheusServer webhook = new FakePrometheusServer();
  private final List<Instance> instances = new ArrayList<>();
  private final FaultyApiServer faults = new FaultyApiServer(6_3L);
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().dispatcher(faults).withoutOperator().build();

  /** One operator process: its own client (told apart on the server by its User-Agent) and registry. */
  private record Instance(String name, KubernetesClient client, SimpleMeterRegistry meters, MaverickOperator operator) {}

  @BeforeEach
  void start() {
    Checks.guardedPolicyBreachingAtOnce(k8s, prometheus, webhook, WEBHOOK_PATH);
  }

  @AfterEach
  void stop() {
    instances.forEach(i -> {
      i.operator().close();
      i.client().close();
    });
    prometheus.close();
    webhook.close();
  }

  @Test
  void onlyTheLeaderWritesAndAHandoverAppliesNoActionTwice() {
    instances.add(startInstance("maverick-a"));
    instances.add(startInstance("maverick-b"));
    k8s.clearRequests();
    k8s.create(Fixtures.paperless("before-failover", "guarded"));
    awaitReadyWithOneAction("before-failover");
    Map<String, Integer> writesBefore = writesByInstance(k8s.takeRequests());
    assertThat(writesBefore).as("instances that wrote").hasSize(1);
    Instance leader = instances.stream().filter(i -> writesBefore.containsKey(i.name())).findFirst().orElseThrow();
    Instance standby = instances.stream().filter(i -> i != leader).findFirst().orElseThrow();
    await().untilAsserted(() -> assertThat(actionsCounted(leader)).isEqualTo(1));
    // maverick_leader (read by the MaverickNoLeader alert): 1 on the leader only
    assertThat(leaderGauge(leader)).isEqualTo(1.0);
    assertThat(leaderGauge(standby)).isEqualTo(0.0);

    long stoppedAt = System.nanoTime();
    leader.operator().close();
    k8s.create(Fixtures.paperless("after-failover", "guarded"));
    awaitReadyWithOneAction("after-failover");
    Duration handover = Duration.ofNanos(System.nanoTime() - stoppedAt);
    Map<String, Integer> writesAfter = writesByInstance(k8s.takeRequests());
    assertThat(writesAfter).containsOnlyKeys(standby.name());
    assertThat(leaderGauge(standby)).isEqualTo(1.0);

    // the new leader reconciled the old pipeline too and did not act on it again
    assertThat(k8s.pipeline("before-failover").getStatus().actions()).hasSize(1);
    await().untilAsserted(() -> assertThat(actionsCounted(standby)).isEqualTo(1));
    await().until(() -> announcementsDelivered() >= 2);
    assertThat(announcementsDelivered()).isEqualTo(2);
    Lease lease = k8s.client.leases().inNamespace(OperatorHarness.NAMESPACE).withName("maverick-operator").get();
    Figures.print("leader-failover", "instances=2 handovers=1 handoverSeconds=" + handover.toSeconds()
        + " leaseTransitions=" + lease.getSpec().getLeaseTransitions()
        + " writesBeforeHandover=" + writesBefore + " writesAfterHandover=" + writesAfter
        + " actionsApplied=2 announcementsDelivered=" + announcementsDelivered() + " actionsDuplicated=0");
  }

  /**
   * Issue 11.9: the API refuses the leader's renewals while it keeps running (a partition between it
   * and the API, an overloaded API). Operators run as their own processes here, since the one that
   * loses its lease exits.
   */
  @Test
  void aLeaderThatCannotRenewItsLeaseExitsAndTheOtherTakesOverWithoutRepeatingActions(@TempDir Path dir)
      throws Exception {
    String api = k8s.client.getMasterUrl().toString();
    try (OperatorProcess a = OperatorProcess.startFromClasspath(api, dir.resolve("a"), processEnv("maverick-a"))) {
      await().until(() -> leaseHolder().startsWith("maverick-a_"));
      try (OperatorProcess b = OperatorProcess.startFromClasspath(api, dir.resolve("b"), processEnv("maverick-b"))) {
        k8s.create(Fixtures.paperless("before-lease-loss", "guarded"));
        awaitReadyWithOneAction("before-lease-loss");
        await().until(() -> announcementsDelivered() == 1);

        long refusedAt = System.nanoTime();
        faults.refuseLeaseWrites(true);
        assertThat(a.process().waitFor(60, TimeUnit.SECONDS)).as("the leader exited").isTrue();
        Duration exitedAfter = Duration.ofNanos(System.nanoTime() - refusedAt);
        assertThat(a.process().exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("a").resolve("operator.log"))).contains("Lost the leader lease");
        assertThat(b.process().isAlive()).isTrue();
        faults.refuseLeaseWrites(false);

        await().until(() -> leaseHolder().startsWith("maverick-b_"));
        Duration takenOverAfter = Duration.ofNanos(System.nanoTime() - refusedAt);
        k8s.create(Fixtures.paperless("after-lease-loss", "guarded"));
        awaitReadyWithOneAction("after-lease-loss");
        assertThat(k8s.pipeline("before-lease-loss").getStatus().actions()).hasSize(1);
        await().until(() -> announcementsDelivered() >= 2);
        assertThat(announcementsDelivered()).isEqualTo(2);
        Figures.print("leader-lease-lost", "instances=2 (processes) leaseWritesRefused=" + faults.leaseWritesRefused()
            + " leaderExitedAfter=" + exitedAfter.toSeconds() + "s exitCode=1 newLeaderAfter="
            + takenOverAfter.toSeconds() + "s actionsApplied=2 announcementsDelivered=" + announcementsDelivered() + " actionsDuplicated=0");
      }
    }
  }

  private static Map<String, String> processEnv(String host) {
    return Map.of("HOSTNAME", host, "MAVERICK_LEADER_ELECTION", "true",
        "MAVERICK_LEASE_NAMESPACE", OperatorHarness.NAMESPACE, "MAVERICK_LEASE_NAME", "maverick-operator");
  }

  private String leaseHolder() {
    Lease lease = k8s.client.leases().inNamespace(OperatorHarness.NAMESPACE).withName("maverick-operator").get();
    return lease == null || lease.getSpec().getHolderIdentity() == null ? "" : lease.getSpec().getHolderIdentity();
  }

  private Instance startInstance(String name) {
    KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(k8s.client.getConfiguration()).withUserAgent(name).build()).build();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    return new Instance(name, client, meters, MaverickOperator.start(client, LEADER_ELECTION, k8s.clock, meters));
  }

  private static double leaderGauge(Instance instance) {
    return instance.meters().get("maverick.leader").gauge().value();
  }

  private void awaitReadyWithOneAction(String name) {
    await().ignoreExceptions().pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      Checks.rollOutPending(k8s);
      var status = k8s.pipeline(name).getStatus();
      assertThat(Checks.settled(status)).as(() -> Serialization.asYaml(status)).isTrue();
      assertThat(status.actions()).as(() -> Serialization.asYaml(status)).hasSize(1);
    });
  }

  /** Writes the operator instances made (Lease renewals aside), by instance. */
  private static Map<String, Integer> writesByInstance(List<RecordedRequest> requests) {
    Map<String, Integer> writes = new TreeMap<>();
    for (RecordedRequest request : requests) {
      String agent = request.getHeader("User-Agent");
      if (OperatorHarness.isWrite(request) && agent != null && agent.startsWith("maverick-")
          && !request.getPath().contains("/leases")) {
        writes.merge(agent, 1, Integer::sum);
      }
    }
    return writes;
  }

  private static long actionsCounted(Instance instance) {
    return (long) instance.meters().find("maverick.actions").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private long announcementsDelivered() {
    return Checks.announcementsDelivered(webhook, WEBHOOK_PATH);
  }
}
