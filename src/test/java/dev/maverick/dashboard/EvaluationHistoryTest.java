package dev.maverick.dashboard;

import dev.maverick.api.EmbeddingPipelineStatus;
import static dev.maverick.dashboard.DashboardData.ERROR_TRIGGER;
import static dev.maverick.dashboard.DashboardData.SUCCESS_TRIGGER;
import static dev.maverick.dashboard.DashboardData.pipeline;
import static dev.maverick.dashboard.DashboardData.policy;
import static dev.maverick.dashboard.DashboardData.reading;
import static dev.maverick.dashboard.DashboardData.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.StageStatus;
import dev.maverick.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluationHistoryTest {
  private static final PipelineKey KEY = new PipelineKey("paperless-maverick", "search");
  private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
  private final Set<PipelineKey> live = new HashSet<>(Set.of(KEY));
  private final EmbeddingPipeline pipeline = pipeline("search", "standard");
  private final RolloutPolicy policy = policy("standard", "http://prometheus:9090", SUCCESS_TRIGGER + ERROR_TRIGGER);

  private EvaluationHistory history(Duration window, int maxPoints) {
    return new EvaluationHistory(clock, window, maxPoints, live::contains);
  }

  /** One evaluation of the success-rate trigger at the clock's time, then 30s pass. */
  private void evaluate(EvaluationHistory history, double value) {
    record(history, pipeline, policy, status(List.of(reading("embeddingSuccessRate", clock.instant(), value,
        value < 0.85)), null, null));
    clock.advance(Duration.ofSeconds(30));
  }

  @Test
  void keepsAtMostMaxPointsPerTriggerTheOldestGivingWay() {
    EvaluationHistory history = history(Duration.ofHours(2), 5);
    Instant start = clock.instant();
    for (int i = 0; i < 8; i++) {
      evaluate(history, 0.9 + i / 100.0);
    }

    TriggerSeries series = history.series(KEY).get(0);

    assertThat(series.points()).hasSize(5);
    assertThat(series.points()).extracting(TriggerSeries.Point::at)
        .containsExactly(start.plusSeconds(90), start.plusSeconds(120), start.plusSeconds(150), start.plusSeconds(180),
            start.plusSeconds(210));
    assertThat(series.points().get(4).value()).isEqualTo(0.97);
  }

  @Test
  void dropsPointsOlderThanTheWindow() {
    EvaluationHistory history = history(Duration.ofMinutes(10), 720);
    evaluate(history, 0.5);
    evaluate(history, 0.6);
    clock.advance(Duration.ofMinutes(9).plusSeconds(30));
    // 10m after the first point: the first has just left the window, the second has not
    assertThat(history.series(KEY).get(0).points()).extracting(TriggerSeries.Point::value).containsExactly(0.6);

    clock.advance(Duration.ofMinutes(1));
    assertThat(history.series(KEY).get(0).points()).isEmpty();
  }

  @Test
  void aValueThatIsNotFiniteIsNoData() {
    EvaluationHistory history = history(Duration.ofHours(2), 720);
    evaluate(history, Double.NaN);
    evaluate(history, Double.POSITIVE_INFINITY);
    evaluate(history, 0.9);

    assertThat(history.series(KEY).get(0).points()).extracting(TriggerSeries.Point::value)
        .containsExactly(null, null, 0.9);
  }

  @Test
  void theSameEvaluationSeenByTwoReconcilesIsOnePoint() {
    EvaluationHistory history = history(Duration.ofHours(2), 720);
    var status = status(List.of(reading("embeddingSuccessRate", clock.instant(), 0.9, false)), null, null);

    record(history, pipeline, policy, status);
    clock.advance(Duration.ofSeconds(1));
    record(history, pipeline, policy, status);

    assertThat(history.series(KEY).get(0).points()).hasSize(1);
  }

  @Test
  void seriesFollowThePolicysTriggersAndTheirConditions() {
    EvaluationHistory history = history(Duration.ofHours(2), 720);
    evaluate(history, 0.9);

    assertThat(history.series(KEY)).extracting(TriggerSeries::trigger)
        .containsExactly("embeddingSuccessRate", "systemErrorRate");
    TriggerSeries errors = history.series(KEY).get(1);
    assertThat(errors.operator()).isEqualTo(ComparisonOperator.GreaterThan);
    assertThat(errors.threshold()).isEqualTo(0.1);
    assertThat(errors.forWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(errors.points()).isEmpty();

    RolloutPolicy without = policy("standard", "http://prometheus:9090", ERROR_TRIGGER);
    record(history, pipeline, without, status(List.of(), null, null));
    assertThat(history.series(KEY)).extracting(TriggerSeries::trigger).containsExactly("systemErrorRate");
  }

  @Test
  void aDeletedPipelineIsForgottenWithinAMinute() {
    EvaluationHistory history = history(Duration.ofHours(2), 720);
    evaluate(history, 0.9);
    assertThat(history.size()).isEqualTo(1);

    live.remove(KEY);
    EmbeddingPipeline other = pipeline("other", "standard");
    live.add(new PipelineKey("paperless-maverick", "other"));
    clock.advance(Duration.ofMinutes(1));
    record(history, other, policy, status(List.of(reading("embeddingSuccessRate", clock.instant(), 0.9, false)),
        null, null));

    assertThat(history.series(KEY)).isEmpty();
    assertThat(history.size()).isEqualTo(1);
  }

  @Test
  void aPipelineWithoutPolicyHasNoHistory() {
    EvaluationHistory history = history(Duration.ofHours(2), 720);
    evaluate(history, 0.9);

    record(history, pipeline, null, status(null, null, null));

    assertThat(history.series(KEY)).isEmpty();
  }

  @Test
  void remembersTheStagesEnteredOnce() {
    EvaluationHistory history = history(Duration.ofHours(2), 720);
    Instant first = clock.instant();
    record(history, pipeline, policy, status(List.of(), new StageStatus(0, "internal", first.toString(), null), null));
    record(history, pipeline, policy, status(List.of(), new StageStatus(0, "internal", first.toString(), null), null));
    Instant second = first.plusSeconds(60);
    record(history, pipeline, policy, status(List.of(), new StageStatus(1, "half", second.toString(), null), null));

    assertThat(history.stageStarts(KEY)).containsExactly(new StageStart(0, "internal", first),
        new StageStart(1, "half", second));
  }

  /** What a reconcile tells the history of its step's status. */
  private static void record(EvaluationHistory history, EmbeddingPipeline pipeline, RolloutPolicy policy,
      EmbeddingPipelineStatus status) {
    history.evaluated(pipeline.getMetadata().getNamespace(), pipeline.getMetadata().getName(), policy,
        status.triggers(), status.stage());
  }
}
