package dev.maverick.rollout;

import static dev.maverick.api.ComparisonOperator.GreaterThan;
import static dev.maverick.api.ComparisonOperator.LessThan;
import static dev.maverick.rollout.RolloutHarness.disable;
import static dev.maverick.rollout.RolloutHarness.flag;
import static dev.maverick.rollout.RolloutHarness.policy;
import static dev.maverick.rollout.RolloutHarness.spec;
import static dev.maverick.rollout.RolloutHarness.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.ActionType;
import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.TriggerStatus;
import dev.maverick.prometheus.QueryResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriggerEvaluationTest {

  private static RolloutHarness harness(ComparisonOperator operator, double threshold, String forDuration) {
    return new RolloutHarness(spec("1", RateLimitProfile.balanced, flag("embeddingMonitoring", true, 100)),
        policy(trigger("successRate", operator, threshold, forDuration, disable("embeddingMonitoring"))));
  }

  private static TriggerStatus status(RolloutStep step) {
    return step.status().triggers().get(0);
  }

  @ParameterizedTest(name = "{1} {0} {2} breaches: {3}")
  @CsvSource({
      "LessThan, 0.84, 0.85, true",
      "LessThan, 0.85, 0.85, false",
      "LessThan, 0.86, 0.85, false",
      "LessThanOrEqual, 0.84, 0.85, true",
      "LessThanOrEqual, 0.85, 0.85, true",
      "LessThanOrEqual, 0.86, 0.85, false",
      "GreaterThan, 0.11, 0.1, true",
      "GreaterThan, 0.1, 0.1, false",
      "GreaterThan, 0.09, 0.1, false",
      "GreaterThanOrEqual, 0.11, 0.1, true",
      "GreaterThanOrEqual, 0.1, 0.1, true",
      "GreaterThanOrEqual, 0.09, 0.1, false"})
  void operatorsAndTheThresholdEdge(ComparisonOperator operator, double value, double threshold, boolean breaches) {
    RolloutHarness h = harness(operator, threshold, "0s").set("successRate", value);

    RolloutStep step = h.tick();

    assertThat(status(step).value()).isEqualTo(value);
    assertThat(status(step).breaching()).isEqualTo(breaches);
    assertThat(step.actions()).hasSize(breaches ? 1 : 0);
    assertThat(step.effective().flags().get(0).enabled()).isEqualTo(!breaches);
  }

  @Test
  void forZeroFiresAtTheFirstBreachingEvaluation() {
    RolloutHarness h = harness(LessThan, 0.85, "0s").set("successRate", 0.5);

    RolloutStep step = h.tick();

    assertThat(step.actions()).singleElement().satisfies(a -> {
      assertThat(a.trigger()).isEqualTo("successRate");
      assertThat(a.type()).isEqualTo(ActionType.DisableFlag);
      assertThat(a.reason()).isEqualTo("FlagDisabled");
      assertThat(a.detail()).isEqualTo("disabled flag embeddingMonitoring (value 0.5 LessThan 0.85 for 0s)");
      assertThat(a.windowCompletedAt()).isEqualTo(h.at(0));
      assertThat(a.delay()).isZero();
    });
  }

  @Test
  void aStreakFiresExactlyWhenItHasLastedFor() {
    RolloutHarness h = harness(LessThan, 0.85, "2m").set("successRate", 0.5);

    RolloutStep first = h.tick();
    assertThat(status(first).breachingSince()).isEqualTo(h.at(0).toString());
    assertThat(first.requeueAfter()).isEqualTo(Duration.ofSeconds(30));
    for (int i = 1; i <= 3; i++) {
      RolloutStep step = h.afterSeconds(30);
      assertThat(step.actions()).isEmpty();
      assertThat(status(step).breachingSince()).isEqualTo(h.at(0).toString());
    }

    RolloutStep fired = h.afterSeconds(30);

    assertThat(fired.actions()).singleElement().satisfies(a -> {
      assertThat(a.windowCompletedAt()).isEqualTo(h.at(120));
      assertThat(a.appliedAt()).isEqualTo(h.at(120));
    });
    assertThat(fired.status().actions()).singleElement()
        .satisfies(r -> assertThat(r.at()).isEqualTo(h.at(120).toString()));
  }

  @Test
  void aGapResetsTheStreak() {
    RolloutHarness h = harness(LessThan, 0.85, "2m").set("successRate", 0.5);
    h.tick();
    h.afterSeconds(30);

    h.set("successRate", 0.9);
    RolloutStep gap = h.afterSeconds(30);
    assertThat(status(gap).breaching()).isFalse();
    assertThat(status(gap).breachingSince()).isNull();

    h.set("successRate", 0.5);
    RolloutStep restarted = h.afterSeconds(30);
    assertThat(status(restarted).breachingSince()).isEqualTo(h.at(90).toString());
    for (int i = 0; i < 3; i++) {
      assertThat(h.afterSeconds(30).actions()).isEmpty();
    }
    RolloutStep fired = h.afterSeconds(30);
    assertThat(fired.actions()).singleElement()
        .satisfies(a -> assertThat(a.windowCompletedAt()).isEqualTo(h.at(210)));
  }

  @Test
  void noDataAndFailuresResetTheStreak() {
    RolloutHarness h = harness(LessThan, 0.85, "1m").set("successRate", 0.5);
    h.tick();

    h.set("successRate", new QueryResult.NoData("empty result"));
    RolloutStep noData = h.afterSeconds(30);
    assertThat(status(noData).breachingSince()).isNull();
    assertThat(status(noData).value()).isNull();
    assertThat(status(noData).error()).isEqualTo("no data: empty result");

    h.set("successRate", 0.5);
    h.afterSeconds(30);
    h.set("successRate", new QueryResult.Failure("HTTP 503 from Prometheus"));
    RolloutStep failure = h.afterSeconds(30);
    assertThat(status(failure).breachingSince()).isNull();
    assertThat(status(failure).error()).isEqualTo("HTTP 503 from Prometheus");

    h.set("successRate", 0.5);
    assertThat(h.afterSeconds(30).actions()).isEmpty();
    assertThat(h.afterSeconds(30).actions()).isEmpty();
    assertThat(h.afterSeconds(30).actions()).hasSize(1);
  }

  @Test
  void theEngineComesBackWhenAWindowCompletesBeforeTheNextInterval() {
    RolloutHarness h = harness(GreaterThan, 0.1, "45s").set("successRate", 0.5);
    assertThat(h.tick().requeueAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(h.afterSeconds(30).requeueAfter()).isEqualTo(Duration.ofSeconds(15));

    h.clock.advance(Duration.ofSeconds(14));
    assertThat(h.engine.queriesDue(h.pipeline, h.policy).isEmpty()).isTrue();

    RolloutStep fired = h.afterSeconds(1);
    assertThat(h.lastDue.triggers()).hasSize(1);
    assertThat(fired.actions()).singleElement().satisfies(a -> assertThat(a.delay()).isZero());
  }

  @Test
  void triggersAreQueriedEveryIntervalOnly() {
    RolloutHarness h = harness(LessThan, 0.85, "10m").set("successRate", 0.9);
    h.tick();
    assertThat(h.lastDue.triggers()).hasSize(1);

    h.afterSeconds(10);
    assertThat(h.lastDue.isEmpty()).isTrue();
    h.afterSeconds(19);
    assertThat(h.lastDue.isEmpty()).isTrue();
    RolloutStep step = h.afterSeconds(1);
    assertThat(h.lastDue.triggers()).hasSize(1);
    assertThat(step.status().lastEvaluated()).isEqualTo(h.at(30).toString());
  }

  @Test
  void aStepWithoutReadingsKeepsTheTriggerStatus() {
    RolloutHarness h = harness(LessThan, 0.85, "10m").set("successRate", 0.5);
    RolloutStep evaluated = h.tick();

    h.clock.advance(Duration.ofSeconds(5));
    RolloutStep notEvaluated = h.engine.step(h.pipeline, h.policy, Readings.none(), true);

    assertThat(notEvaluated.status().triggers()).isEqualTo(evaluated.status().triggers());
    assertThat(notEvaluated.status().lastEvaluated()).isEqualTo(h.at(0).toString());
    assertThat(notEvaluated.requeueAfter()).isEqualTo(Duration.ofSeconds(25));
  }
}
