package dev.maverick.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.ActionType;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6.2: an operator restarted in the middle of a trigger's {@code for} window neither restarts
 * nor forgets the window: it completes at its original time and its action is applied, announced
 * and counted exactly once, also across further restarts.
 */
class RestartMidWindowIT {
  private static final String PIPELINE = "paperless-maverick";
  private static final String WEBHOOK_PATH = "/services/T000/B000/restart";

  private final FakePrometheusServer prometheus = new FakePrometheusServer();
  private final FakePrometheusServer webhook = new FakePrometheusServer();
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().build();
  private int ticks;

  @BeforeEach
  void start() {
    prometheus.answerData("""
        {"resultType":"vector","result":[{"metric":{},"value":[1700000000,"0.5"]}]}""");
    webhook.answerData("{}");
    k8s.create(Checks.secret("slack-webhook", "url", webhook.url() + WEBHOOK_PATH));
    k8s.create(Checks.successRatePolicy("standard-rollout", prometheus.url(), "2m"));
    EmbeddingPipeline pipeline = Fixtures.paperlessUsing("standard-rollout");
    k8s.create(pipeline);
  }

  @AfterEach
  void stop() {
    prometheus.close();
    webhook.close();
  }

  @Test
  void theWindowCompletesAtItsOriginalTimeAndTheActionIsAppliedOnce() {
    Instant breachStart = k8s.clock.instant();
    awaitEvaluationAfter(0);
    tick(Duration.ofSeconds(30));
    tick(Duration.ofSeconds(30));
    assertThat(status().triggers().get(0).breachingSince()).isEqualTo(breachStart.toString());

    // down for 30s in the middle of the 2m window; the new instance evaluates as soon as it is up
    k8s.stopOperator();
    k8s.mutableClock().advance(Duration.ofSeconds(30));
    long queries = k8s.queriesRun();
    k8s.startOperator();
    int restarts = 1;
    awaitEvaluationAfter(queries);
    assertThat(status().triggers().get(0).breachingSince()).isEqualTo(breachStart.toString());
    assertThat(status().actions()).isNullOrEmpty();

    tick(Duration.ofSeconds(30));
    await().untilAsserted(() -> assertThat(status().actions()).singleElement().satisfies(action -> {
      assertThat(action.type()).isEqualTo(ActionType.DisableFlag);
      assertThat(action.at()).isEqualTo(breachStart.plus(Duration.ofMinutes(2)).toString());
    }));

    // more restarts and evaluations after the action: nothing is applied again
    for (int i = 0; i < 2; i++) {
      k8s.stopOperator();
      k8s.mutableClock().advance(Duration.ofSeconds(30));
      long before = k8s.queriesRun();
      k8s.startOperator();
      restarts++;
      awaitEvaluationAfter(before);
      tick(Duration.ofSeconds(30));
    }
    await().until(() -> announcementsDelivered() >= 1);
    assertThat(status().actions()).hasSize(1);
    assertThat(status().triggers().get(0).breachingSince()).isEqualTo(breachStart.toString());
    assertThat(actionsCounted()).isEqualTo(1);
    assertThat(actionEvents()).isEqualTo(1);
    assertThat(announcementsDelivered()).isEqualTo(1);
    Figures.print("restart-mid-window", "restarts=" + restarts + " evaluations=" + (ticks + restarts + 1)
        + " breachingSince=" + breachStart + " actionAt=" + status().actions().get(0).at()
        + " actionsApplied=1 actionsCounted=" + actionsCounted() + " actionEvents=" + actionEvents()
        + " announcementsDelivered=" + announcementsDelivered() + " actionsDuplicated=0");
  }

  /** Lets {@code duration} pass and makes the operator look at the pipeline (an unrelated annotation edit). */
  private void tick(Duration duration) {
    long queries = k8s.queriesRun();
    k8s.mutableClock().advance(duration);
    int tick = ++ticks;
    k8s.edit(EmbeddingPipeline.class, PIPELINE, p -> {
      var annotations = new HashMap<>(p.getMetadata().getAnnotations() == null ? java.util.Map.<String, String>of()
          : p.getMetadata().getAnnotations());
      annotations.put("reliability.example/tick", Integer.toString(tick));
      p.getMetadata().setAnnotations(annotations);
      return p;
    });
    awaitEvaluationAfter(queries);
  }

  /** Evaluated at the clock's time: a query ran, then a reconcile finished (status shows news only). */
  private void awaitEvaluationAfter(long queries) {
    await().until(() -> k8s.queriesRun() > queries);
    double reconciled = k8s.reconciliations();
    await().until(() -> k8s.reconciliations() > reconciled);
  }

  private EmbeddingPipelineStatus status() {
    return k8s.pipeline(PIPELINE).getStatus();
  }

  private long actionsCounted() {
    return (long) k8s.meters.find("maverick.actions").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private long actionEvents() {
    return k8s.client.v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems().stream()
        .filter(e -> e.getMessage() != null && e.getMessage().startsWith("DisableFlag by ")).count();
  }

  private long announcementsDelivered() {
    return Checks.announcementsDelivered(webhook, WEBHOOK_PATH);
  }
}
