package dev.maverick.rollout;

import static dev.maverick.api.ComparisonOperator.GreaterThan;
import static dev.maverick.rollout.RolloutHarness.disable;
import static dev.maverick.rollout.RolloutHarness.flag;
import static dev.maverick.rollout.RolloutHarness.fullRollback;
import static dev.maverick.rollout.RolloutHarness.percentage;
import static dev.maverick.rollout.RolloutHarness.policy;
import static dev.maverick.rollout.RolloutHarness.profile;
import static dev.maverick.rollout.RolloutHarness.revertImages;
import static dev.maverick.rollout.RolloutHarness.scaleWorkers;
import static dev.maverick.rollout.RolloutHarness.spec;
import static dev.maverick.rollout.RolloutHarness.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.Action;
import dev.maverick.api.EffectiveFlag;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.Phase;
import dev.maverick.api.RateLimitProfile;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RolloutActionsTest {
  private static final EmbeddingPipelineSpec V1 = spec("1", RateLimitProfile.balanced,
      flag("alpha", true, 100), flag("beta", true, 50));
  private static final EmbeddingPipelineSpec V2 = spec("2", RateLimitProfile.aggressive,
      flag("alpha", true, 100), flag("beta", true, 100), flag("gamma", true, 100));

  private static RolloutHarness harness(EmbeddingPipelineSpec spec, Action... actions) {
    return new RolloutHarness(spec, policy(MetricsUnavailablePolicy.Hold, "5m", "1m", List.of(),
        trigger("errorRate", GreaterThan, 0.1, "0s", actions))).set("errorRate", 0.0);
  }

  /** V1 becomes stable, then V2 is applied and its error rate breaches. */
  private static RolloutStep breachAfterAnUpgrade(RolloutHarness h) {
    h.tick();
    assertThat(h.afterSeconds(60).status().stableRevision()).isNotNull();
    h.edit(V2);
    h.afterSeconds(30);
    h.set("errorRate", 0.5);
    return h.afterSeconds(30);
  }

  @Test
  void disableFlagTurnsOnlyThatFlagOff() {
    RolloutStep step = harness(V1, disable("beta")).set("errorRate", 0.5).tick();

    assertThat(step.effective().flags()).containsExactly(
        new EffectiveFlag("alpha", true, 100), new EffectiveFlag("beta", false, 50));
    assertThat(step.effective().rateLimitProfile()).isEqualTo(RateLimitProfile.balanced);
    assertThat(step.status().effective().flags()).isEqualTo(step.effective().flags());
    assertThat(step.phaseHint()).isEqualTo(Phase.Degraded);
  }

  @Test
  void setFlagPercentageChangesOnlyThePercentage() {
    RolloutStep step = harness(V1, percentage("alpha", 5)).set("errorRate", 0.5).tick();

    assertThat(step.effective().flags()).containsExactly(
        new EffectiveFlag("alpha", true, 5), new EffectiveFlag("beta", true, 50));
    assertThat(step.actions()).singleElement().satisfies(a -> {
      assertThat(a.reason()).isEqualTo("FlagPercentageChanged");
      assertThat(a.detail()).startsWith("set flag alpha to 5%");
    });
  }

  @Test
  void setRateLimitProfileSwitchesTheProfile() {
    RolloutStep step = harness(V1, profile(RateLimitProfile.conservative)).set("errorRate", 0.5).tick();

    assertThat(step.effective().rateLimitProfile()).isEqualTo(RateLimitProfile.conservative);
    assertThat(step.status().effective().rateLimitProfile()).isEqualTo(RateLimitProfile.conservative);
    assertThat(step.effective().flags()).isEqualTo(EffectiveRollout.fromSpec(V1).flags());
    assertThat(step.actions().get(0).reason()).isEqualTo("RateLimitProfileChanged");
  }

  @Test
  void scaleWorkersForcesTheWorkerReplicas() {
    RolloutStep step = harness(V1, scaleWorkers(0)).set("errorRate", 0.5).tick();

    assertThat(step.effective().workerReplicasOverride()).contains(0);
    assertThat(step.actions().get(0).reason()).isEqualTo("WorkersScaled");
    assertThat(step.actions().get(0).detail()).startsWith("scaled the workers to 0 replicas");
  }

  @Test
  void revertImagesGoesBackToTheStableImagesOnly() {
    RolloutHarness h = harness(V1, revertImages());
    RolloutStep step = breachAfterAnUpgrade(h);

    assertThat(step.effective().appImage()).isEqualTo("registry.example/app:1");
    assertThat(step.effective().workerImage()).isEqualTo("registry.example/worker:1");
    assertThat(step.effective().flags()).isEqualTo(EffectiveRollout.fromSpec(V2).flags());
    assertThat(step.effective().rateLimitProfile()).isEqualTo(RateLimitProfile.aggressive);
    assertThat(step.phaseHint()).isEqualTo(Phase.RolledBack);
    assertThat(step.actions()).singleElement().satisfies(a -> {
      assertThat(a.reason()).isEqualTo("ImagesReverted");
      assertThat(a.detail()).startsWith("reverted images to app registry.example/app:1, worker registry.example/worker:1");
    });
    assertThat(step.status().currentRevision().appImage()).isEqualTo("registry.example/app:1");
  }

  @Test
  void revertImagesWithoutAStableRevisionChangesNothingAndSaysSo() {
    RolloutStep step = harness(V1, revertImages()).set("errorRate", 0.5).tick();

    assertThat(step.effective()).isEqualTo(EffectiveRollout.fromSpec(V1));
    assertThat(step.actions().get(0).detail()).startsWith("no stable revision yet: images not reverted");
    assertThat(step.status().memory().overrides()).hasSize(1);
  }

  @Test
  void fullRollbackRestoresTheStableImagesFlagsAndProfile() {
    RolloutHarness h = harness(V1, fullRollback());
    RolloutStep step = breachAfterAnUpgrade(h);

    assertThat(step.effective()).isEqualTo(new EffectiveRollout(
        List.of(new EffectiveFlag("alpha", true, 100), new EffectiveFlag("beta", true, 50),
            new EffectiveFlag("gamma", false, 0)),
        RateLimitProfile.balanced, "registry.example/app:1", "registry.example/worker:1", Optional.empty()));
    assertThat(step.actions().get(0).reason()).isEqualTo("FullRollback");
    assertThat(step.phaseHint()).isEqualTo(Phase.RolledBack);
  }

  @Test
  void fullRollbackWithoutAStableRevisionTurnsAllFlagsOff() {
    RolloutStep step = harness(V1, fullRollback()).set("errorRate", 0.5).tick();

    assertThat(step.effective().flags()).containsExactly(
        new EffectiveFlag("alpha", false, 100), new EffectiveFlag("beta", false, 50));
    assertThat(step.effective().appImage()).isEqualTo("registry.example/app:1");
  }

  @Test
  void allActionsOfATriggerApplyInOrder() {
    RolloutStep step = harness(V1, disable("alpha"), profile(RateLimitProfile.conservative), scaleWorkers(1))
        .set("errorRate", 0.5).tick();

    assertThat(step.actions()).extracting(AppliedAction::reason)
        .containsExactly("FlagDisabled", "RateLimitProfileChanged", "WorkersScaled");
    assertThat(step.status().memory().overrides()).extracting(o -> o.action().type().name())
        .containsExactly("DisableFlag", "SetRateLimitProfile", "ScaleWorkers");
  }

  @Test
  void overridesHoldAcrossManyStepsAndATriggerFiresOnce() {
    RolloutHarness h = harness(V1, disable("alpha")).set("errorRate", 0.5);
    assertThat(h.tick().actions()).hasSize(1);

    for (int i = 0; i < 40; i++) {
      h.set("errorRate", i % 2 == 0 ? 0.0 : 0.9);
      RolloutStep step = h.afterSeconds(30);
      assertThat(step.actions()).isEmpty();
      assertThat(step.effective().flags().get(0).enabled()).isFalse();
    }
    assertThat(h.pipeline.getStatus().actions()).hasSize(1);
    assertThat(h.pipeline.getStatus().memory().overrides()).hasSize(1);
  }

  @Test
  void aNewGenerationClearsOverridesAndTheTriggerMayFireAgain() {
    RolloutHarness h = harness(V1, disable("alpha")).set("errorRate", 0.5);
    h.tick();

    h.edit(V2);
    h.set("errorRate", 0.0);
    RolloutStep edited = h.afterSeconds(30);
    assertThat(edited.transitions()).extracting(Transition::reason).containsExactly("RolloutRestarted");
    assertThat(edited.status().memory().overrides()).isEmpty();
    assertThat(edited.status().memory().rolloutGeneration()).isEqualTo(2L);
    assertThat(edited.effective()).isEqualTo(EffectiveRollout.fromSpec(V2));

    h.set("errorRate", 0.5);
    RolloutStep again = h.afterSeconds(30);
    assertThat(again.actions()).hasSize(1);
    assertThat(again.status().actions()).hasSize(2);
  }

  @Test
  void pausingOrResumingIsNotARevisionChange() {
    RolloutHarness h = harness(V1, disable("alpha")).set("errorRate", 0.5);
    h.tick();

    h.edit(RolloutHarness.paused(V1, true));
    RolloutStep paused = h.afterSeconds(30);
    h.edit(RolloutHarness.paused(V1, false));
    RolloutStep resumed = h.afterSeconds(30);

    assertThat(paused.transitions()).isEmpty();
    assertThat(resumed.transitions()).isEmpty();
    assertThat(resumed.status().memory().rolloutGeneration()).isEqualTo(3L);
    assertThat(resumed.status().memory().overrides()).hasSize(1);
    assertThat(resumed.effective().flags().get(0).enabled()).isFalse();
  }

  @Test
  void statusKeepsTheLastTwentyActions() {
    Action[] actions = IntStream.rangeClosed(1, 25).mapToObj(i -> percentage("alpha", i)).toArray(Action[]::new);
    RolloutStep step = harness(V1, actions).set("errorRate", 0.5).tick();

    assertThat(step.actions()).hasSize(25);
    assertThat(step.status().actions()).hasSize(RolloutEngine.ACTION_HISTORY);
    assertThat(step.status().actions().get(0).detail()).startsWith("set flag alpha to 6%");
    assertThat(step.status().actions().get(19).detail()).startsWith("set flag alpha to 25%");
    assertThat(step.effective().flags().get(0).rolloutPercentage()).isEqualTo(25);
  }
}
