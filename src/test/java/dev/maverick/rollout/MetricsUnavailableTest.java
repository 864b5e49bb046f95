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
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.Phase;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.prometheus.QueryResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsUnavailableTest {

  /** Two triggers, grace 2m; "errorRate" reads fine, "successRate" is set per test. */
  private static RolloutHarness harness(MetricsUnavailablePolicy onUnavailable) {
    return new RolloutHarness(spec("1", RateLimitProfile.balanced, flag("embeddingMonitoring", true, 100)),
        policy(onUnavailable, "2m", "10m", List.of(),
            trigger("successRate", LessThan, 0.85, "0s", disable("embeddingMonitoring")),
            trigger("errorRate", GreaterThan, 0.1, "0s", RolloutHarness.fullRollback())))
        .set("errorRate", 0.01);
  }

  @Test
  void holdNeverActsOnMissingDataAndReportsItAfterTheGrace() {
    RolloutHarness h = harness(MetricsUnavailablePolicy.Hold)
        .set("successRate", new QueryResult.Failure("connection refused"));

    RolloutStep first = h.tick();
    assertThat(first.metricsAvailable()).isTrue();
    assertThat(first.status().memory().metricsUnavailableSince()).isEqualTo(h.at(0).toString());
    assertThat(first.status().triggers().get(0).error()).isEqualTo("connection refused");
    assertThat(first.phaseHint()).isEqualTo(Phase.Healthy);
    for (int i = 0; i < 3; i++) {
      RolloutStep step = h.afterSeconds(30);
      assertThat(step.metricsAvailable()).isTrue();
      assertThat(step.actions()).isEmpty();
    }

    h.set("successRate", new QueryResult.NoData("empty result"));
    RolloutStep atGrace = h.afterSeconds(30);
    assertThat(atGrace.metricsAvailable()).isFalse();
    assertThat(atGrace.phaseHint()).isEqualTo(Phase.Degraded);
    assertThat(atGrace.actions()).isEmpty();
    for (int i = 0; i < 20; i++) {
      RolloutStep step = h.afterSeconds(30);
      assertThat(step.actions()).isEmpty();
      assertThat(step.metricsAvailable()).isFalse();
    }
    assertThat(h.pipeline.getStatus().memory().overrides()).isEmpty();

    h.set("successRate", 0.99);
    RolloutStep recovered = h.afterSeconds(30);
    assertThat(recovered.metricsAvailable()).isTrue();
    assertThat(recovered.status().memory().metricsUnavailableSince()).isNull();
    assertThat(recovered.phaseHint()).isEqualTo(Phase.Healthy);
  }

  @Test
  void rollbackTakesAFullRollbackOnceTheGraceIsOver() {
    RolloutHarness h = harness(MetricsUnavailablePolicy.Rollback)
        .set("successRate", new QueryResult.NoData("empty result"));

    h.tick();
    for (int i = 0; i < 3; i++) {
      assertThat(h.afterSeconds(30).actions()).isEmpty();
    }
    RolloutStep atGrace = h.afterSeconds(30);

    assertThat(atGrace.actions()).singleElement().satisfies(a -> {
      assertThat(a.trigger()).isEqualTo(RolloutEngine.METRICS_UNAVAILABLE);
      assertThat(a.type()).isEqualTo(ActionType.FullRollback);
      assertThat(a.reason()).isEqualTo("FullRollback");
      assertThat(a.windowCompletedAt()).isEqualTo(h.at(120));
      assertThat(a.detail()).isEqualTo("no stable revision yet: all flags off, images unchanged"
          + " (metrics unreadable since 2026-01-01T00:00:00Z, grace 2m)");
    });
    assertThat(atGrace.effective().flags().get(0).enabled()).isFalse();
    assertThat(atGrace.phaseHint()).isEqualTo(Phase.RolledBack);
    assertThat(atGrace.metricsAvailable()).isFalse();

    for (int i = 0; i < 10; i++) {
      assertThat(h.afterSeconds(30).actions()).isEmpty();
    }
    h.set("successRate", 0.99);
    RolloutStep recovered = h.afterSeconds(30);
    assertThat(recovered.metricsAvailable()).isTrue();
    assertThat(recovered.effective().flags().get(0).enabled()).isFalse();
  }

  @Test
  void readableDataInBetweenRestartsTheGrace() {
    RolloutHarness h = harness(MetricsUnavailablePolicy.Rollback)
        .set("successRate", new QueryResult.NoData("empty result"));
    h.tick();
    h.afterSeconds(60);
    h.set("successRate", 0.99);
    h.afterSeconds(30);
    h.set("successRate", new QueryResult.NoData("empty result"));

    RolloutStep again = h.afterSeconds(30);
    assertThat(again.status().memory().metricsUnavailableSince()).isEqualTo(h.at(120).toString());
    assertThat(h.afterSeconds(90).actions()).isEmpty();
    assertThat(h.afterSeconds(30).actions()).hasSize(1);
  }

  @Test
  void theEngineComesBackWhenTheGraceEndsBeforeTheNextInterval() {
    RolloutHarness h = new RolloutHarness(spec("1", RateLimitProfile.balanced),
        policy(MetricsUnavailablePolicy.Rollback, "100s", "10m", List.of(),
            trigger("errorRate", GreaterThan, 0.1, "0s", RolloutHarness.fullRollback())));
    h.tick();
    h.afterSeconds(30);
    h.afterSeconds(30);
    RolloutStep beforeGrace = h.afterSeconds(30);
    assertThat(beforeGrace.requeueAfter()).isEqualTo(Duration.ofSeconds(10));

    RolloutStep atGrace = h.afterSeconds(10);
    assertThat(h.lastDue.triggers()).hasSize(1);
    assertThat(atGrace.actions()).singleElement()
        .satisfies(a -> assertThat(a.delay()).isZero());
  }
}
