package dev.maverick.rollout;

import static dev.maverick.api.ComparisonOperator.GreaterThan;
import static dev.maverick.rollout.RolloutHarness.disable;
import static dev.maverick.rollout.RolloutHarness.flag;
import static dev.maverick.rollout.RolloutHarness.fullRollback;
import static dev.maverick.rollout.RolloutHarness.policy;
import static dev.maverick.rollout.RolloutHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.Action;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.MetricCondition;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.Phase;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.Trigger;
import dev.maverick.api.TriggerMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Observe mode: evaluated and announced once per streak, never acts; switching to Enforce keeps the window. */
class ObserveModeTest {
  private static final EmbeddingPipelineSpec SPEC = spec("1", RateLimitProfile.balanced, flag("monitoring", true, 100));

  static Trigger errorRate(TriggerMode mode, Action... actions) {
    return new Trigger("errorRate", "q_errorRate", new MetricCondition(GreaterThan, 0.1), "1m", List.of(actions), null,
        mode, null);
  }

  @Test
  void anObserveTriggerAnnouncesWhatItWouldDoOncePerStreakAndChangesNothing() {
    RolloutHarness h = new RolloutHarness(SPEC, policy(errorRate(TriggerMode.Observe, fullRollback())))
        .set("errorRate", 0.5);
    h.tick();
    assertThat(h.afterSeconds(30).wouldAct()).isEmpty();

    RolloutStep completed = h.afterSeconds(30);

    assertThat(completed.wouldAct()).singleElement().satisfies(w -> {
      assertThat(w.trigger()).isEqualTo("errorRate");
      assertThat(w.actions()).startsWith("FullRollback: no stable revision yet").contains("(value 0.5 GreaterThan 0.1 for 1m)");
      assertThat(w.windowCompletedAt()).isEqualTo(h.at(60));
    });
    assertThat(completed.actions()).isEmpty();
    assertThat(completed.status().memory().overrides()).isEmpty();
    assertThat(completed.status().actions()).isEmpty();
    assertThat(completed.effective().flags()).allSatisfy(f -> assertThat(f.enabled()).isTrue());
    assertThat(completed.phaseHint()).isEqualTo(Phase.Healthy);
    assertThat(completed.status().triggers()).singleElement().satisfies(t -> {
      assertThat(t.mode()).isEqualTo(TriggerMode.Observe);
      assertThat(t.breaching()).isTrue();
      assertThat(t.wouldActAt()).isEqualTo(h.at(60).toString());
    });

    for (int i = 0; i < 5; i++) {
      assertThat(h.afterSeconds(30).wouldAct()).as("same streak").isEmpty();
    }

    h.set("errorRate", 0.0).afterSeconds(30);
    h.set("errorRate", 0.5).afterSeconds(30);
    h.afterSeconds(30);
    assertThat(h.afterSeconds(30).wouldAct()).as("a new streak").hasSize(1);
  }

  @Test
  void switchingToEnforceKeepsTheRunningWindow() {
    RolloutHarness h = new RolloutHarness(SPEC, policy(errorRate(TriggerMode.Observe, disable("monitoring"))))
        .set("errorRate", 0.5);
    h.tick();
    h.afterSeconds(30);

    h.policy.setSpec(policy(errorRate(TriggerMode.Enforce, disable("monitoring"))));
    RolloutStep step = h.afterSeconds(30);

    assertThat(step.actions()).singleElement().satisfies(a -> {
      assertThat(a.trigger()).isEqualTo("errorRate");
      assertThat(a.windowCompletedAt()).isEqualTo(h.at(60));
    });
    assertThat(step.status().triggers().get(0).mode()).as("enforced triggers carry no mode").isNull();
  }

  @Test
  void switchingToEnforceAfterTheWindowCompletedActsAtTheNextEvaluation() {
    RolloutHarness h = new RolloutHarness(SPEC, policy(errorRate(TriggerMode.Observe, disable("monitoring"))))
        .set("errorRate", 0.5);
    h.tick();
    h.afterSeconds(30);
    assertThat(h.afterSeconds(30).wouldAct()).hasSize(1);
    h.afterSeconds(30);

    h.policy.setSpec(policy(errorRate(TriggerMode.Enforce, disable("monitoring"))));
    RolloutStep step = h.afterSeconds(30);

    assertThat(step.actions()).singleElement().satisfies(a -> {
      assertThat(a.windowCompletedAt()).isEqualTo(h.at(60));
      assertThat(a.delay()).isEqualTo(Duration.ofSeconds(60));
    });
    assertThat(step.wouldAct()).isEmpty();
  }

  @Test
  void anObserveTriggerWithoutDataNeverMakesMetricsUnavailable() {
    RolloutHarness h = new RolloutHarness(SPEC, policy(MetricsUnavailablePolicy.Rollback, "1m", "10m", List.of(),
        errorRate(TriggerMode.Observe, fullRollback())));
    h.tick();

    RolloutStep later = h.after(Duration.ofMinutes(5));

    assertThat(later.metricsAvailable()).isTrue();
    assertThat(later.actions()).isEmpty();
    assertThat(later.status().triggers().get(0).error()).startsWith("no data");
  }
}
