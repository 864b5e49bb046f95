package dev.maverick.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.TriggerStatus;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.reliability.PrometheusFaultProxy.Fault;
import dev.maverick.status.Conditions;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6.4: Prometheus failing in every way a client can see (HTTP 500, malformed JSON, a hang
 * past the policy's 1s timeout, several series, stopped) never causes an action under
 * {@code onMetricsUnavailable: Hold}; each shows on the trigger's status, and evaluation resumes
 * by itself when Prometheus is back. The faulty answers carry breaching values where they have
 * any, so an operator that read them would act.
 */
class PrometheusFaultsIT {
  private static final String PIPELINE = "paperless-maverick";

  private final FakePrometheusServer prometheus = new FakePrometheusServer();
  private final PrometheusFaultProxy proxy = new PrometheusFaultProxy(prometheus.url());
  private final ScheduledExecutorService time = Executors.newSingleThreadScheduledExecutor();
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().build();

  @BeforeEach
  void start() {
    // the operator's clock runs at real speed here: evaluation every 1s must happen on its own
    time.scheduleAtFixedRate(() -> k8s.mutableClock().advance(Duration.ofMillis(100)), 100, 100, TimeUnit.MILLISECONDS);
    healthyValue("0.99");
    k8s.create(Fixtures.paperlessPolicy().withPrometheus(proxy.url(), "1s").withInterval("1s")
        .withSpecField("onMetricsUnavailable: Hold").withSpecField("metricsUnavailableGrace: 2s")
        .withFor("0s").withAction("{type: FullRollback}").build());
    k8s.create(Fixtures.paperlessUsing("standard-rollout"));
  }

  @AfterEach
  void stop() {
    time.shutdownNow();
    proxy.close();
    prometheus.close();
  }

  @Test
  void noPrometheusFaultCausesAnActionAndEvaluationResumesByItself() {
    awaitHealthy();
    Map<Fault, String> errors = new LinkedHashMap<>();
    for (Fault fault : Fault.values()) {
      proxy.inject(fault);
      Instant injectedAt = k8s.clock.instant();
      await().untilAsserted(() -> {
        TriggerStatus trigger = trigger();
        assertThat(Instant.parse(trigger.lastEvaluated())).isAfter(injectedAt);
        assertThat(trigger.error()).as(fault.name()).isNotBlank();
        assertThat(trigger.breaching()).isFalse();
      });
      errors.put(fault, trigger().error());
      // past the 2s grace the metrics count as unavailable; under Hold that is a condition, not an action
      await().untilAsserted(() -> assertThat(Conditions.find(status().conditions(), Conditions.METRICS_AVAILABLE))
          .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False")));
      assertThat(status().actions()).as(fault.name()).isNullOrEmpty();
      proxy.heal();
      awaitHealthy();
    }
    assertThat(errors.get(Fault.HTTP_500)).contains("HTTP 500");
    assertThat(errors.get(Fault.MALFORMED_JSON)).contains("not Prometheus JSON");
    assertThat(errors.get(Fault.HANG_5S)).contains("did not answer within 1s");
    assertThat(errors.get(Fault.SEVERAL_SERIES)).contains("2 series");
    assertThat(errors.get(Fault.STOPPED)).contains("cannot connect");
    assertThat(actionsCounted()).isZero();

    // the same set-up does act on a real breach, so the silence above is not for want of a trigger
    healthyValue("0.5");
    await().untilAsserted(() -> assertThat(status().actions()).singleElement()
        .satisfies(a -> assertThat(a.type().name()).isEqualTo("FullRollback")));

    Figures.print("prometheus-faults", "faults=" + errors.size() + " requestsFaulted=" + proxy.injected()
        + " actionsOnFaults=0 resumedByItself=" + errors.size() + " errors=" + errors);
  }

  private void healthyValue(String value) {
    prometheus.answerData("""
        {"resultType":"vector","result":[{"metric":{},"value":[1700000000,"%s"]}]}""".formatted(value));
  }

  private void awaitHealthy() {
    await().untilAsserted(() -> {
      TriggerStatus trigger = trigger();
      assertThat(trigger.error()).isNull();
      assertThat(trigger.value()).isEqualTo(0.99);
      assertThat(Conditions.isTrue(status().conditions(), Conditions.METRICS_AVAILABLE)).isTrue();
    });
  }

  private TriggerStatus trigger() {
    EmbeddingPipelineStatus status = status();
    assertThat(status).isNotNull();
    assertThat(status.triggers()).hasSize(1);
    return status.triggers().get(0);
  }

  private EmbeddingPipelineStatus status() {
    return k8s.pipeline(PIPELINE).getStatus();
  }

  private long actionsCounted() {
    return (long) k8s.meters.find("maverick.actions").counters().stream().mapToDouble(c -> c.count()).sum();
  }
}
