package dev.maverick.rollout;

import static dev.maverick.api.ComparisonOperator.GreaterThan;
import static dev.maverick.rollout.RolloutHarness.START;
import static dev.maverick.rollout.RolloutHarness.disable;
import static dev.maverick.rollout.RolloutHarness.flag;
import static dev.maverick.rollout.RolloutHarness.spec;
import static dev.maverick.rollout.RolloutHarness.stage;
import static dev.maverick.rollout.RolloutHarness.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.ActionType;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.FreezeStatus;
import dev.maverick.api.FreezeWindow;
import dev.maverick.api.Groups;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.Stage;
import dev.maverick.api.StageFlag;
import dev.maverick.api.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Freeze windows: nothing is promoted while one is open; triggers and manual rollbacks still act. */
class FreezeTest {
  private static final EmbeddingPipelineSpec SPEC = spec("1", RateLimitProfile.balanced,
      flag("monitoring", true, 100), flag("queue", true, 100));
  private static final List<Stage> STAGES = List.of(
      stage("internal", "10m", List.of(new StageFlag("monitoring", 10))),
      stage("all", "10m", List.of(new StageFlag("monitoring", 100))));
  /** Opens when the first stage's pause ends (10m after START), closes an hour after START. */
  private static final FreezeWindow HOLIDAY = new FreezeWindow(START.plusSeconds(600).toString(),
      START.plusSeconds(3600).toString(), "holiday change freeze");

  private static RolloutPolicySpec policy(List<Stage> stages, String stableAfter, Trigger... triggers) {
    return new RolloutPolicySpec(new PrometheusSpec("http://prometheus:9090", null, null, null), "30s",
        MetricsUnavailablePolicy.Hold, "5m", stableAfter, stages, List.of(triggers), null, null, List.of(HOLIDAY));
  }

  @Test
  void aPauseEndingExactlyAtTheFreezeStartWaitsForTheFreezeToEnd() {
    RolloutHarness h = new RolloutHarness(SPEC, policy(STAGES, "10m"));
    h.tick();

    RolloutStep frozen = h.after(Duration.ofMinutes(10));
    assertThat(frozen.status().stage().index()).isZero();
    assertThat(frozen.transitions()).extracting(Transition::reason).containsExactly(Transition.FROZEN);
    assertThat(frozen.transitions().get(0).message()).contains(h.at(3600).toString(), "holiday change freeze");
    assertThat(frozen.status().freeze()).isEqualTo(new FreezeStatus(h.at(3600).toString(), "holiday change freeze"));
    assertThat(frozen.status().stageSummary()).isEqualTo("internal (frozen)");
    assertThat(frozen.requeueAfter()).isPositive();

    assertThat(h.after(Duration.ofSeconds(2970)).status().stage().index()).isZero();
    RolloutStep thawed = h.afterSeconds(30);
    assertThat(thawed.transitions()).extracting(Transition::reason)
        .containsExactly(Transition.UNFROZEN, Transition.STAGE_ADVANCED);
    assertThat(thawed.status().freeze()).isNull();
    assertThat(thawed.status().stageSummary()).isEqualTo("all");
  }

  @Test
  void aTriggerWindowCompletingExactlyAtTheFreezeStartStillActs() {
    RolloutHarness h = new RolloutHarness(SPEC, policy(STAGES, "10m",
        trigger("errorRate", GreaterThan, 0.1, "1m", disable("queue")))).set("errorRate", 0.0);
    h.tick();
    h.set("errorRate", 0.5).after(Duration.ofMinutes(9));
    h.afterSeconds(30);

    RolloutStep atFreezeStart = h.afterSeconds(30);

    assertThat(h.now()).isEqualTo(h.at(600));
    assertThat(atFreezeStart.actions()).singleElement().satisfies(a -> assertThat(a.type()).isEqualTo(ActionType.DisableFlag));
    assertThat(atFreezeStart.status().freeze()).isNotNull();
  }

  @Test
  void aManualRollbackActsWhileFrozen() {
    RolloutHarness h = new RolloutHarness(SPEC, policy(STAGES, "10m"));
    h.tick();
    h.after(Duration.ofMinutes(15));
    h.annotate(Groups.ANNOTATION_ROLLBACK, "now");

    assertThat(h.afterSeconds(30).actions()).singleElement()
        .satisfies(a -> assertThat(a.reason()).isEqualTo(RolloutEngine.MANUAL_ROLLBACK));
  }

  @Test
  void noRevisionBecomesStableWhileFrozen() {
    RolloutHarness h = new RolloutHarness(SPEC, policy(List.of(), "10m"));
    h.tick();
    h.after(Duration.ofMinutes(9));

    assertThat(h.after(Duration.ofMinutes(20)).status().stableRevision()).isNull();
    RolloutStep thawed = h.after(Duration.ofMinutes(31));
    assertThat(h.now()).isEqualTo(h.at(3600));
    assertThat(thawed.status().stableRevision()).isNotNull();
    assertThat(thawed.transitions()).extracting(Transition::reason).contains(Transition.REVISION_STABLE);
  }

  @Test
  void touchingAndOverlappingWindowsFreezeUntilTheLastEnd() {
    Instant t = START;
    Freeze freeze = Freeze.of(List.of(
        new FreezeWindow(t.plusSeconds(200).toString(), t.plusSeconds(300).toString(), "c"),
        new FreezeWindow(t.toString(), t.plusSeconds(100).toString(), "a"),
        new FreezeWindow("2026-01-01T01:00:50+01:00", t.plusSeconds(200).toString(), "b")));

    assertThat(freeze.at(t.plusSeconds(60))).contains(new FreezeStatus(t.plusSeconds(300).toString(), "a"));
    assertThat(freeze.frozen(t.plusSeconds(300))).as("the end is exclusive").isFalse();
    assertThat(freeze.frozen(t.minusSeconds(1))).isFalse();
    assertThat(freeze.nextChange(t.plusSeconds(100))).contains(t.plusSeconds(200));
  }
}
