package dev.maverick.reliability;

import static dev.maverick.reliability.Checks.retrying;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.ActionType;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6.1: with 10% of API requests failing (500, 409, 429, slow), pipelines still converge to
 * exactly their desired children, lose no status update and apply no action twice.
 */
class ApiServerFaultsIT {
  /** 20 in CI; -Dreliability.pipelines=50 for a bigger run. */
  private static final int PIPELINES = Integer.getInteger("reliability.pipelines", 20);
  private static final double FAIL_SHARE = 0.10;
  private static final String WEBHOOK_PATH = "/services/T000/B000/reliability";

  private final FaultyApiServer api = new FaultyApiServer(6_1L);
  private final FakePrometheusServer prometheus = new FakePrometheusServer();
  private final FakePrometheusServer webhook = new FakePrometheusServer();
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().dispatcher(api).build();

  @BeforeEach
  void start() {
    Checks.guardedPolicyBreachingAtOnce(k8s, prometheus, webhook, WEBHOOK_PATH);
  }

  @AfterEach
  void stop() {
    prometheus.close();
    webhook.close();
  }

  @Test
  void pipelinesConvergeExactlyWhileTenPercentOfRequestsFail() {
    api.failShare(FAIL_SHARE);
    List<String> names = IntStream.range(0, PIPELINES).mapToObj(i -> "faulty-%02d".formatted(i)).toList();
    for (int i = 0; i < PIPELINES; i++) {
      EmbeddingPipeline pipeline = guarded(i) ? Fixtures.paperless(names.get(i), "guarded") : Fixtures.paperless();
      pipeline.getMetadata().setName(names.get(i));
      retrying(() -> k8s.create(pipeline));
    }
    long started = System.nanoTime();
    awaitConverged(names);
    Duration created = Duration.ofNanos(System.nanoTime() - started);

    // a second round of user edits, still under faults: the latest spec wins everywhere
    for (int i = 0; i < PIPELINES; i++) {
      if (!guarded(i)) {
        String name = names.get(i);
        retrying(() -> k8s.edit(EmbeddingPipeline.class, name, p -> {
          var spec = p.getSpec();
          var app = spec.app();
          p.setSpec(new EmbeddingPipelineSpec(app.withImage("registry.example/paperless-maverick:1.5.0"),
              spec.worker(), spec.featureFlags(), spec.rateLimiting(), spec.flagDelivery(), spec.rolloutPolicyRef(),
              spec.paused()));
          return p;
        }));
      }
    }
    started = System.nanoTime();
    awaitConverged(names);
    Duration edited = Duration.ofNanos(System.nanoTime() - started);
    long faults = api.faultsInjected();
    long requests = api.requests();
    api.failShare(0);
    // the faults happened: every kind, on reads and on writes, at about the configured share
    assertThat(api.faultsByKind()).as("faults injected by kind").containsOnlyKeys(FaultyApiServer.Fault.values())
        .allSatisfy((kind, count) -> assertThat(count).as(kind.name()).isPositive());
    assertThat(api.faultedWrites()).as("writes that got a fault").isPositive();
    assertThat((double) faults / requests).as("share of requests with a fault").isBetween(FAIL_SHARE / 2, FAIL_SHARE * 2);

    RolloutPolicy policy = k8s.policy("guarded");
    long guarded = IntStream.range(0, PIPELINES).filter(ApiServerFaultsIT::guarded).count();
    for (int i = 0; i < PIPELINES; i++) {
      EmbeddingPipeline pipeline = k8s.pipeline(names.get(i));
      var status = pipeline.getStatus();
      assertThat(status.observedGeneration()).as(names.get(i)).isEqualTo(pipeline.getMetadata().getGeneration());
      assertThat(Checks.settled(status)).as(names.get(i)).isTrue();
      Checks.assertChildrenAsDesired(k8s, pipeline, guarded(i) ? policy : null);
      if (guarded(i)) {
        assertThat(status.actions()).as(names.get(i)).singleElement()
            .satisfies(a -> assertThat(a.type()).isEqualTo(ActionType.DisableFlag));
        assertThat(status.effective().flags()).filteredOn(f -> f.name().equals("embeddingMonitoring"))
            .singleElement().satisfies(f -> assertThat(f.enabled()).isFalse());
      } else {
        assertThat(status.actions()).as(names.get(i)).isNullOrEmpty();
        assertThat(status.currentRevision().appImage()).isEqualTo("registry.example/paperless-maverick:1.5.0");
      }
    }
    // metrics, Events and webhooks follow the status write that records an action
    await().untilAsserted(() -> assertThat(actionsCounted()).isEqualTo(guarded));
    await().untilAsserted(() -> assertThat(announcementsDelivered()).isEqualTo(guarded));
    Map<String, Long> actionEvents = actionEvents();
    assertThat(actionEvents.values()).allSatisfy(count -> assertThat(count).isEqualTo(1L));

    Figures.print("api-server-faults", "pipelines=" + PIPELINES + " failShare=" + FAIL_SHARE
        + " requests=" + requests + " faultsInjected=" + faults + " " + api.faultsByKind()
        + " faultedWrites=" + api.faultedWrites()
        + " converged=" + PIPELINES + " actionsExpected=" + guarded + " actionsInStatus=" + guarded
        + " actionsCounted=" + actionsCounted() + " announcementsDelivered=" + announcementsDelivered()
        + " actionEvents=" + actionEvents.size() + " convergedAfterCreate=" + created.toSeconds() + "s"
        + " convergedAfterEdit=" + edited.toSeconds() + "s actionsDuplicated=0 updatesLost=0");
  }

  /** Even pipelines refer to the policy whose trigger fires at once; odd ones have no policy. */
  private static boolean guarded(int index) {
    return index % 2 == 0;
  }

  private void awaitConverged(List<String> names) {
    await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
      Checks.rollOutPending(k8s);
      for (String name : names) {
        EmbeddingPipeline pipeline = k8s.pipeline(name);
        assertThat(pipeline.getStatus()).as(name).isNotNull();
        assertThat(pipeline.getStatus().observedGeneration()).as(name).isEqualTo(pipeline.getMetadata().getGeneration());
        assertThat(Checks.settled(pipeline.getStatus())).as(name).isTrue();
        Checks.assertChildrenAsDesired(k8s, pipeline, pipeline.getSpec().rolloutPolicyRef() == null ? null
            : k8s.policy("guarded"));
      }
    });
  }

  private long actionsCounted() {
    return (long) k8s.meters.find("maverick.actions").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private long announcementsDelivered() {
    return Checks.announcementsDelivered(webhook, WEBHOOK_PATH);
  }

  /** Events about actions, by pipeline. */
  private Map<String, Long> actionEvents() {
    return k8s.client.v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems().stream()
        .filter(e -> e.getMessage() != null && e.getMessage().startsWith("DisableFlag by "))
        .collect(Collectors.groupingBy(e -> e.getInvolvedObject().getName(), Collectors.counting()));
  }
}
