package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12: a pipeline whose triggers are all batched rests while its readings change nothing: its
 * policy's ticks read it from the batch answer without a reconcile, and a reading that could change
 * a decision (a breach, a failed batch) wakes it for a full evaluation.
 */
class RestingPipelinesIT {
  private static final String PIPELINE = "paperless-maverick";
  private static final String BATCH = "embedding_success_ratio";

  private final FakePrometheusServer prometheus = new FakePrometheusServer();
  // real time: the policy's ticks come every second by themselves
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().clock(Clock.systemUTC()).build();

  @BeforeEach
  void start() {
    answer("0.99");
    k8s.create(Fixtures.everySecondPolicy(prometheus.url()).withBatchQuery(BATCH).build());
    k8s.create(Fixtures.paperlessUsing("every-second"));
    k8s.rollOutPipeline(PIPELINE);
  }

  @AfterEach
  void stop() {
    prometheus.close();
  }

  @Test
  void aRestingPipelineIsReadAtEveryTickWithoutAReconcile() {
    await().until(() -> restingEvaluations("quiet") >= 1);
    double reconciles = k8s.reconciliations();
    double quiet = restingEvaluations("quiet");
    int queries = prometheus.requests().size();

    answer("0.95");

    await().until(() -> restingEvaluations("quiet") >= quiet + 5);
    assertThat(k8s.reconciliations()).as("reconciles while resting").isEqualTo(reconciles);
    // each tick reads its own batch answer (one tick may be in flight at either end of the count)
    assertThat(prometheus.requests().size() - queries).as("batch queries")
        .isGreaterThanOrEqualTo((int) (restingEvaluations("quiet") - quiet) - 1);
    assertThat(restingEvaluations("woken")).isZero();
    await().untilAsserted(() -> assertThat(triggerValue()).as("the tick's value on /metrics").isEqualTo(0.95));
  }

  @Test
  void aBreachWakesThePipelineAndItsActionIsTaken() {
    await().until(() -> restingEvaluations("quiet") >= 1);

    answer("0.5");

    await().until(() -> Integer.valueOf(0)
        .equals(k8s.get(Deployment.class, PIPELINE + "-worker").getSpec().getReplicas()));
    assertThat(restingEvaluations("woken")).isEqualTo(1);
  }

  @Test
  void aFailedBatchWakesThePipelineWhichRunsItsOwnQuery() {
    await().until(() -> restingEvaluations("quiet") >= 1);

    prometheus.answer(503, "{\"status\":\"error\",\"error\":\"overloaded\"}");

    await().until(() -> restingEvaluations("woken") >= 1);
    await().until(() -> prometheus.requests().stream()
        .anyMatch(r -> r.query() != null && r.query().contains("pipeline=\"" + PIPELINE + "\"")));
    assertThat(k8s.get(Deployment.class, PIPELINE + "-worker").getSpec().getReplicas())
        .as("a failed query is no breach").isNotEqualTo(0);
  }

  private void answer(String value) {
    prometheus.answerData("""
        {"resultType":"vector","result":[{"metric":{"pipeline":"%s"},"value":[1700000000,"%s"]}]}"""
        .formatted(PIPELINE, value));
  }

  private double restingEvaluations(String outcome) {
    var counter = k8s.meters.find("maverick.resting.evaluations").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private Double triggerValue() {
    return k8s.pipelineGauge("maverick_trigger_value", PIPELINE);
  }
}
