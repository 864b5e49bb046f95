package dev.maverick.rollout;

import static dev.maverick.api.ComparisonOperator.GreaterThan;
import static dev.maverick.rollout.RolloutHarness.disable;
import static dev.maverick.rollout.RolloutHarness.flag;
import static dev.maverick.rollout.RolloutHarness.paused;
import static dev.maverick.rollout.RolloutHarness.policy;
import static dev.maverick.rollout.RolloutHarness.spec;
import static dev.maverick.rollout.RolloutHarness.stage;
import static dev.maverick.rollout.RolloutHarness.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.StageFlag;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PausedTest {
  private static final EmbeddingPipelineSpec SPEC = spec("1", RateLimitProfile.balanced,
      flag("monitoring", true, 100), flag("queue", true, 100));

  private static RolloutHarness pausedHarness() {
    return new RolloutHarness(paused(SPEC, true), policy(MetricsUnavailablePolicy.Rollback, "1m", "1m",
        List.of(stage("internal", "10m", List.of(new StageFlag("monitoring", 10)),
            RolloutHarness.gate("successRate", ComparisonOperator.GreaterThan, 0.9))),
        trigger("errorRate", GreaterThan, 0.1, "1m", disable("queue"))))
        .set("errorRate", 0.5).set("successRate", 1.0);
  }

  @Test
  void pausedEvaluatesAndShowsButNeitherActsNorAdvances() {
    RolloutHarness h = pausedHarness();
    h.tick();

    for (int i = 0; i < 60; i++) {
      RolloutStep step = h.afterSeconds(30);
      assertThat(step.actions()).isEmpty();
      assertThat(step.transitions()).isEmpty();
      assertThat(h.lastDue.gates()).isEmpty();
      assertThat(step.status().triggers().get(0).value()).isEqualTo(0.5);
      assertThat(step.status().triggers().get(0).breaching()).isTrue();
      assertThat(step.status().triggers().get(0).breachingSince()).isEqualTo(h.at(0).toString());
      assertThat(step.status().stage().index()).isZero();
      assertThat(step.status().stableRevision()).isNull();
    }
  }

  @Test
  void pausedDoesNotRollBackOnMissingMetrics() {
    RolloutHarness h = pausedHarness();
    h.values.remove("errorRate");
    h.tick();

    RolloutStep step = h.after(Duration.ofMinutes(5));

    assertThat(step.metricsAvailable()).isFalse();
    assertThat(step.actions()).isEmpty();
  }

  @Test
  void resumingContinuesWhereTheRolloutWas() {
    RolloutHarness h = pausedHarness();
    h.tick();
    h.after(Duration.ofMinutes(20));

    h.edit(paused(SPEC, false));
    RolloutStep resumed = h.afterSeconds(30);

    assertThat(resumed.actions()).extracting(AppliedAction::reason).containsExactly("FlagDisabled");
    assertThat(resumed.transitions()).extracting(Transition::reason).containsExactly("RolloutCompleted");
  }
}
