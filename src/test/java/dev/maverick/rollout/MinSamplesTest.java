package dev.maverick.rollout;

import static dev.maverick.api.ComparisonOperator.GreaterThan;
import static dev.maverick.api.ComparisonOperator.GreaterThanOrEqual;
import static dev.maverick.rollout.RolloutHarness.disable;
import static dev.maverick.rollout.RolloutHarness.flag;
import static dev.maverick.rollout.RolloutHarness.policy;
import static dev.maverick.rollout.RolloutHarness.samplesOf;
import static dev.maverick.rollout.RolloutHarness.spec;
import static dev.maverick.rollout.RolloutHarness.stage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.Gate;
import dev.maverick.api.MetricCondition;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.MinSamples;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.StageFlag;
import dev.maverick.api.Trigger;
import dev.maverick.prometheus.QueryResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** minSamples: below the threshold a reading is neither breach nor pass, resets the streak, and is no outage. */
class MinSamplesTest {
  private static final EmbeddingPipelineSpec SPEC = spec("1", RateLimitProfile.balanced, flag("monitoring", true, 100));
  private static final Trigger ERROR_RATE = new Trigger("errorRate", "q_errorRate",
      new MetricCondition(GreaterThan, 0.1), "1m", List.of(disable("monitoring")), null, null,
      new MinSamples("q_requests", 100));

  private static RolloutHarness harness() {
    return new RolloutHarness(SPEC, policy(MetricsUnavailablePolicy.Rollback, "1m", "10m", List.of(), ERROR_RATE));
  }

  @Test
  void samplesExactlyAtTheThresholdAreEnough() {
    RolloutHarness h = harness().set("errorRate", 0.5).set(samplesOf("errorRate"), 100);
    assertThat(h.tick().status().triggers().get(0).breaching()).isTrue();
    h.afterSeconds(30);

    assertThat(h.afterSeconds(30).actions()).hasSize(1);
  }

  @Test
  void tooFewSamplesResetTheStreakAndAreNoOutage() {
    RolloutHarness h = harness().set("errorRate", 0.5).set(samplesOf("errorRate"), 100);
    h.tick();

    h.set(samplesOf("errorRate"), 42);
    RolloutStep quiet = h.afterSeconds(30);
    assertThat(quiet.status().triggers()).singleElement().satisfies(t -> {
      assertThat(t.value()).isEqualTo(0.5);
      assertThat(t.breaching()).isFalse();
      assertThat(t.breachingSince()).isNull();
      assertThat(t.error()).isEqualTo("insufficient samples: 42 < 100");
    });
    RolloutStep later = h.after(Duration.ofMinutes(5));
    assertThat(later.metricsAvailable()).as("quiet traffic is not an outage").isTrue();
    assertThat(later.actions()).isEmpty();
    assertThat(later.status().memory().metricsUnavailableSince()).isNull();

    h.set(samplesOf("errorRate"), 100);
    RolloutStep busy = h.afterSeconds(30);
    assertThat(busy.status().triggers().get(0).breachingSince()).as("a new streak").isEqualTo(h.now().toString());
    assertThat(busy.actions()).isEmpty();
  }

  @Test
  void noSampleDataIsZeroSamplesAndAFailedSampleQueryIsUnreadable() {
    RolloutHarness h = harness().set("errorRate", 0.5);
    assertThat(h.tick().status().triggers().get(0).error()).isEqualTo("insufficient samples: no data < 100");

    h.set(samplesOf("errorRate"), new QueryResult.Failure("HTTP 503"));
    RolloutStep failed = h.afterSeconds(30);
    assertThat(failed.status().triggers().get(0).error()).isEqualTo("minSamples: HTTP 503");
    assertThat(failed.status().memory().metricsUnavailableSince()).isEqualTo(h.now().toString());
  }

  @Test
  void aGateWithTooFewSamplesDoesNotHoldAndTheStageWaits() {
    Gate successRate = new Gate("successRate", "q_successRate", new MetricCondition(GreaterThanOrEqual, 0.99), null,
        new MinSamples("q_requests", 100));
    RolloutHarness h = new RolloutHarness(SPEC, policy(MetricsUnavailablePolicy.Hold, "5m", "10m",
        List.of(stage("internal", "10m", List.of(new StageFlag("monitoring", 10)), successRate),
            stage("all", "10m", List.of(new StageFlag("monitoring", 100))))))
        .set("successRate", 1.0).set(samplesOf("successRate"), 99);
    h.tick();

    RolloutStep waiting = h.after(Duration.ofMinutes(10));
    assertThat(waiting.status().stage().index()).isZero();
    assertThat(waiting.status().stage().gates()).singleElement().satisfies(g -> {
      assertThat(g.holds()).isFalse();
      assertThat(g.value()).isEqualTo(1.0);
      assertThat(g.error()).isEqualTo("insufficient samples: 99 < 100");
    });

    h.set(samplesOf("successRate"), 100);
    assertThat(h.afterSeconds(30).status().stage().index()).isEqualTo(1);
  }
}
