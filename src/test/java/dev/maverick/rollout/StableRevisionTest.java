package dev.maverick.rollout;

import static dev.maverick.api.ComparisonOperator.GreaterThan;
import static dev.maverick.rollout.RolloutHarness.disable;
import static dev.maverick.rollout.RolloutHarness.flag;
import static dev.maverick.rollout.RolloutHarness.policy;
import static dev.maverick.rollout.RolloutHarness.spec;
import static dev.maverick.rollout.RolloutHarness.stage;
import static dev.maverick.rollout.RolloutHarness.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EffectiveFlag;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.Revision;
import dev.maverick.api.StageFlag;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StableRevisionTest {
  private static final EmbeddingPipelineSpec V1 = spec("1", RateLimitProfile.balanced, flag("monitoring", true, 100));

  private static RolloutHarness noStages() {
    return new RolloutHarness(V1, policy(trigger("errorRate", GreaterThan, 0.1, "10m", disable("monitoring"))))
        .set("errorRate", 0.0);
  }

  @Test
  void aCleanRevisionBecomesStableAfterStableAfter() {
    RolloutHarness h = noStages();
    RolloutStep first = h.tick();
    assertThat(first.status().memory().cleanSince()).isEqualTo(h.at(0).toString());
    assertThat(first.status().stableRevision()).isNull();
    assertThat(first.status().stage().name()).isEqualTo("Complete");

    for (int i = 1; i < 20; i++) {
      assertThat(h.afterSeconds(30).status().stableRevision()).isNull();
    }
    RolloutStep stable = h.afterSeconds(30);

    Revision expected = new Revision("registry.example/app:1", "registry.example/worker:1",
        RolloutHarness.hash(EffectiveRollout.fromSpec(V1)), List.of(new EffectiveFlag("monitoring", true, 100)),
        RateLimitProfile.balanced);
    assertThat(stable.status().stableRevision()).isEqualTo(expected);
    assertThat(stable.status().currentRevision()).isEqualTo(expected);
    assertThat(stable.transitions()).extracting(Transition::reason).containsExactly("RevisionStable");
    assertThat(h.afterSeconds(30).transitions()).isEmpty();
  }

  @Test
  void aBreachRestartsTheCleanPeriod() {
    RolloutHarness h = noStages();
    h.tick();
    h.after(Duration.ofMinutes(5));
    h.set("errorRate", 0.5);
    RolloutStep breaching = h.afterSeconds(30);
    assertThat(breaching.status().memory().cleanSince()).isNull();

    h.set("errorRate", 0.0);
    RolloutStep clean = h.afterSeconds(30);
    assertThat(clean.status().memory().cleanSince()).isEqualTo(h.now().toString());
    assertThat(clean.requeueAfter()).isEqualTo(Duration.ofSeconds(30));

    assertThat(h.after(Duration.ofSeconds(570)).status().stableRevision()).isNull();
    assertThat(h.afterSeconds(30).status().stableRevision()).isNotNull();
  }

  @Test
  void aRevisionWithOverridesNeverBecomesStable() {
    RolloutHarness h = new RolloutHarness(V1,
        policy(trigger("errorRate", GreaterThan, 0.1, "0s", disable("monitoring")))).set("errorRate", 0.5);
    h.tick();
    h.set("errorRate", 0.0);

    assertThat(h.after(Duration.ofHours(1)).status().stableRevision()).isNull();
  }

  @Test
  void stagesMustBeDoneFirst() {
    RolloutHarness h = new RolloutHarness(V1, policy(MetricsUnavailablePolicy.Hold, "5m", "10m",
        List.of(stage("internal", "30m", List.of(new StageFlag("monitoring", 10))))));
    RolloutStep first = h.tick();
    assertThat(first.status().memory().cleanSince()).isNull();
    assertThat(first.requeueAfter()).isEqualTo(Duration.ofMinutes(30));

    RolloutStep done = h.after(Duration.ofMinutes(30));
    assertThat(done.status().memory().cleanSince()).isEqualTo(h.now().toString());
    assertThat(done.requeueAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(h.after(Duration.ofMinutes(10)).status().stableRevision().flags())
        .containsExactly(new EffectiveFlag("monitoring", true, 100));
  }

  @Test
  void withoutAPolicyTheFirstRevisionBecomesStableWithTheDefaults() {
    RolloutHarness h = new RolloutHarness(V1, null);
    RolloutStep first = h.tick();
    assertThat(first.requeueAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(first.effective()).isEqualTo(EffectiveRollout.fromSpec(V1));

    assertThat(h.after(Duration.ofMinutes(10)).status().stableRevision()).isNotNull();
  }

  @Test
  void anUpgradeKeepsTheOldStableRevisionUntilItIsStableItself() {
    RolloutHarness h = noStages();
    h.tick();
    Revision v1 = h.after(Duration.ofMinutes(10)).status().stableRevision();

    h.edit(spec("2", RateLimitProfile.balanced, flag("monitoring", true, 100)));
    RolloutStep upgraded = h.afterSeconds(30);
    assertThat(upgraded.status().stableRevision()).isEqualTo(v1);
    assertThat(upgraded.status().currentRevision().appImage()).isEqualTo("registry.example/app:2");

    assertThat(h.after(Duration.ofMinutes(10)).status().stableRevision().appImage())
        .isEqualTo("registry.example/app:2");
  }
}
