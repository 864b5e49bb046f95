package dev.maverick.rollout;

import static dev.maverick.api.ComparisonOperator.GreaterThanOrEqual;
import static dev.maverick.rollout.RolloutHarness.flag;
import static dev.maverick.rollout.RolloutHarness.gate;
import static dev.maverick.rollout.RolloutHarness.policy;
import static dev.maverick.rollout.RolloutHarness.spec;
import static dev.maverick.rollout.RolloutHarness.stage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EffectiveFlag;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.GateStatus;
import dev.maverick.api.Groups;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.Phase;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.StageFlag;
import dev.maverick.api.StageStatus;
import dev.maverick.prometheus.QueryResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageProgressionTest {
  private static final EmbeddingPipelineSpec SPEC = spec("1", RateLimitProfile.balanced,
      flag("monitoring", true, 20), flag("queue", true, 100), flag("batch", true, 100));

  /** internal (monitoring 10%, 1h, gate) -> quarter (monitoring 25%, 1h) -> half (queue 50%, 0s). */
  private static RolloutHarness harness() {
    return new RolloutHarness(SPEC, policy(MetricsUnavailablePolicy.Hold, "5m", "10m", List.of(
        stage("internal", "1h", List.of(new StageFlag("monitoring", 10)),
            gate("successRate", GreaterThanOrEqual, 0.99)),
        stage("quarter", "1h", List.of(new StageFlag("monitoring", 25))),
        stage("half", "0s", List.of(new StageFlag("queue", 50))))));
  }

  @Test
  void theFirstStageLimitsFlagsItNamesAndKeepsLaterStagesFlagsOff() {
    RolloutStep step = harness().tick();

    assertThat(step.status().stage()).isEqualTo(new StageStatus(0, "internal", "2026-01-01T00:00:00Z", null, null));
    assertThat(step.effective().flags()).containsExactly(new EffectiveFlag("monitoring", true, 10),
        new EffectiveFlag("queue", false, 0), new EffectiveFlag("batch", true, 100));
    assertThat(step.phaseHint()).isEqualTo(Phase.Progressing);
    assertThat(step.requeueAfter()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void gatesAreCheckedOnlyAfterThePauseAndHoldTheStageUntilTheyPass() {
    RolloutHarness h = harness().set("successRate", 0.98);
    h.tick();
    h.after(Duration.ofMinutes(59));
    assertThat(h.lastDue.gates()).isEmpty();

    RolloutStep failing = h.after(Duration.ofMinutes(1));
    assertThat(h.lastDue.gates()).extracting(g -> g.name()).containsExactly("successRate");
    assertThat(failing.status().stage().index()).isZero();
    assertThat(failing.status().stage().gates())
        .containsExactly(new GateStatus("successRate", 0.98, false, h.at(3600).toString(), null));
    assertThat(failing.requeueAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(h.engine.queriesDue(h.pipeline, h.policy).gates()).isEmpty();

    h.set("successRate", new QueryResult.NoData("empty result"));
    RolloutStep noData = h.afterSeconds(30);
    assertThat(noData.status().stage().index()).isZero();
    assertThat(noData.status().stage().gates().get(0).error()).isEqualTo("no data: empty result");

    h.set("successRate", new QueryResult.Failure("bad_data: parse error"));
    assertThat(h.afterSeconds(30).status().stage().index()).isZero();

    h.set("successRate", 0.99);
    RolloutStep passed = h.afterSeconds(30);
    assertThat(passed.status().stage()).isEqualTo(new StageStatus(1, "quarter", h.at(3690).toString(), null, null));
    assertThat(passed.transitions()).containsExactly(new Transition("StageAdvanced",
        "stage 'internal' passed: stage 'quarter' (2/3) started"));
    assertThat(passed.effective().flags().get(0)).isEqualTo(new EffectiveFlag("monitoring", true, 20));
  }

  @Test
  void stagesWithoutGatesAdvanceInOneStepUpToCompletion() {
    RolloutHarness h = harness().set("successRate", 1.0);
    h.tick();
    h.after(Duration.ofHours(1));

    RolloutStep done = h.after(Duration.ofHours(1));

    assertThat(done.transitions()).extracting(Transition::reason)
        .containsExactly("StageAdvanced", "RolloutCompleted");
    assertThat(done.status().stage()).isEqualTo(new StageStatus(3, "Complete", h.at(7200).toString(), null, null));
    assertThat(done.effective()).isEqualTo(EffectiveRollout.fromSpec(SPEC));
    assertThat(done.phaseHint()).isEqualTo(Phase.Healthy);
    assertThat(h.after(Duration.ofHours(1)).transitions()).extracting(Transition::reason)
        .containsExactly("RevisionStable");
  }

  @Test
  void promoteEndsThePauseButGatesStillApply() {
    RolloutHarness h = harness().set("successRate", 0.5);
    h.tick();

    h.annotate(Groups.ANNOTATION_PROMOTE, "now");
    RolloutStep promoted = h.after(Duration.ofMinutes(10));
    assertThat(promoted.transitions()).extracting(Transition::reason).containsExactly("StagePromoted");
    assertThat(h.lastDue.gates()).hasSize(1);
    assertThat(promoted.status().stage().index()).isZero();
    assertThat(promoted.status().stage().promoted()).isTrue();
    assertThat(promoted.status().memory().handledAnnotations()).containsEntry(Groups.ANNOTATION_PROMOTE, "now");

    h.set("successRate", 0.995);
    RolloutStep advanced = h.afterSeconds(30);
    assertThat(advanced.status().stage().name()).isEqualTo("quarter");
    assertThat(advanced.status().stage().promoted()).isNull();

    RolloutStep sameValue = h.after(Duration.ofMinutes(1));
    assertThat(sameValue.transitions()).isEmpty();
    assertThat(sameValue.status().stage().name()).isEqualTo("quarter");

    h.annotate(Groups.ANNOTATION_PROMOTE, "again");
    RolloutStep next = h.after(Duration.ofMinutes(1));
    assertThat(next.transitions()).extracting(Transition::reason)
        .containsExactly("StagePromoted", "StageAdvanced", "RolloutCompleted");
  }

  @Test
  void promoteIsActedOnInTheSameReconcileWhenTheGateHolds() {
    RolloutHarness h = harness().set("successRate", 1.0);
    h.tick();
    h.annotate(Groups.ANNOTATION_PROMOTE, "1");

    RolloutStep step = h.after(Duration.ofMinutes(5));

    assertThat(step.transitions()).extracting(Transition::reason).containsExactly("StagePromoted", "StageAdvanced");
  }

  @Test
  void aNewGenerationRestartsTheStages() {
    RolloutHarness h = harness().set("successRate", 1.0);
    h.tick();
    h.after(Duration.ofHours(1));
    assertThat(h.pipeline.getStatus().stage().index()).isEqualTo(1);

    h.edit(spec("2", RateLimitProfile.balanced, flag("monitoring", true, 20), flag("queue", true, 100)));
    RolloutStep restarted = h.after(Duration.ofMinutes(1));

    assertThat(restarted.status().stage()).isEqualTo(new StageStatus(0, "internal", h.now().toString(), null, null));
    assertThat(restarted.effective().flags()).containsExactly(new EffectiveFlag("monitoring", true, 10),
        new EffectiveFlag("queue", false, 0));
  }

  @Test
  void aFlagDisabledInTheSpecStaysOffInItsStage() {
    EmbeddingPipelineSpec spec = spec("1", RateLimitProfile.balanced, flag("monitoring", false, 100));
    RolloutHarness h = new RolloutHarness(spec, policy(MetricsUnavailablePolicy.Hold, "5m", "10m",
        List.of(stage("internal", "1h", List.of(new StageFlag("monitoring", 10))))));

    assertThat(h.tick().effective().flags()).containsExactly(new EffectiveFlag("monitoring", false, 10));
  }

  @Test
  void aShorterPolicyCountsTheRolloutAsDone() {
    RolloutHarness h = harness().set("successRate", 1.0);
    h.tick();
    h.after(Duration.ofHours(1));
    h.policy.setSpec(policy(MetricsUnavailablePolicy.Hold, "5m", "10m",
        List.of(stage("internal", "1h", List.of(new StageFlag("monitoring", 10))))));

    RolloutStep step = h.afterSeconds(30);

    assertThat(step.status().stage().index()).isEqualTo(1);
    assertThat(step.status().stage().name()).isEqualTo("Complete");
  }

  @Test
  void aPolicyEditFindsTheCurrentStageByName() {
    RolloutHarness h = harness().set("successRate", 1.0);
    h.tick();
    h.after(Duration.ofHours(1));
    assertThat(h.pipeline.getStatus().stage().name()).isEqualTo("quarter");
    h.policy.setSpec(policy(MetricsUnavailablePolicy.Hold, "5m", "10m", List.of(
        stage("canary", "1h", List.of(new StageFlag("monitoring", 1))),
        stage("internal", "1h", List.of(new StageFlag("monitoring", 10))),
        stage("quarter", "1h", List.of(new StageFlag("monitoring", 25))))));

    RolloutStep step = h.afterSeconds(30);

    assertThat(step.status().stage().index()).isEqualTo(2);
    assertThat(step.status().stage().startedAt()).isEqualTo(h.at(3600).toString());
    assertThat(step.transitions()).isEmpty();
  }

  @Test
  void aCompletedRolloutStaysCompleteWhenThePolicyGainsStages() {
    RolloutHarness h = new RolloutHarness(SPEC, policy());
    assertThat(h.tick().status().stage()).isEqualTo(new StageStatus(0, "Complete", h.now().toString(), null, null));

    h.policy.setSpec(harness().policy.getSpec());
    RolloutStep step = h.afterSeconds(30);

    assertThat(step.status().stage().index()).isEqualTo(3);
    assertThat(step.status().stage().name()).isEqualTo("Complete");
    assertThat(step.effective()).isEqualTo(EffectiveRollout.fromSpec(SPEC));
  }
}
