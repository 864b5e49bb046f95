package dev.maverick.rollout;

import static dev.maverick.api.ComparisonOperator.GreaterThan;
import static dev.maverick.rollout.RolloutHarness.disable;
import static dev.maverick.rollout.RolloutHarness.flag;
import static dev.maverick.rollout.RolloutHarness.policy;
import static dev.maverick.rollout.RolloutHarness.spec;
import static dev.maverick.rollout.RolloutHarness.stage;
import static dev.maverick.rollout.RolloutHarness.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.ActionType;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.Groups;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.Phase;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.StageFlag;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualControlsTest {
  private static final EmbeddingPipelineSpec SPEC = spec("1", RateLimitProfile.balanced,
      flag("monitoring", true, 100), flag("queue", true, 100));

  private static RolloutHarness harness() {
    return new RolloutHarness(SPEC, policy(MetricsUnavailablePolicy.Hold, "5m", "10m",
        List.of(stage("internal", "10m", List.of(new StageFlag("monitoring", 10))),
            stage("all", "10m", List.of(new StageFlag("monitoring", 100)))),
        trigger("errorRate", GreaterThan, 0.1, "0s", disable("queue")))).set("errorRate", 0.0);
  }

  @Test
  void rollbackIsActedOnOncePerValue() {
    RolloutHarness h = harness();
    h.tick();

    h.annotate(Groups.ANNOTATION_ROLLBACK, "incident-42");
    RolloutStep rolledBack = h.afterSeconds(30);
    assertThat(rolledBack.actions()).singleElement().satisfies(a -> {
      assertThat(a.trigger()).isEqualTo("ManualRollback");
      assertThat(a.reason()).isEqualTo("ManualRollback");
      assertThat(a.type()).isEqualTo(ActionType.FullRollback);
      assertThat(a.detail()).isEqualTo(
          "no stable revision yet: all flags off, images unchanged (maverick.dev/rollback=incident-42)");
      assertThat(a.delay()).isZero();
    });
    assertThat(rolledBack.effective().flags()).allSatisfy(f -> assertThat(f.enabled()).isFalse());
    assertThat(rolledBack.phaseHint()).isEqualTo(Phase.RolledBack);
    assertThat(rolledBack.status().memory().handledAnnotations()).containsEntry(Groups.ANNOTATION_ROLLBACK, "incident-42");

    for (int i = 0; i < 5; i++) {
      assertThat(h.afterSeconds(30).actions()).isEmpty();
    }
    assertThat(h.pipeline.getStatus().actions()).hasSize(1);
  }

  @Test
  void aRollbackFreezesTheStages() {
    RolloutHarness h = harness();
    h.tick();
    h.annotate(Groups.ANNOTATION_ROLLBACK, "1");
    h.tick();

    RolloutStep later = h.after(Duration.ofHours(1));

    assertThat(later.status().stage().index()).isZero();
    assertThat(later.transitions()).isEmpty();
  }

  @Test
  void retryClearsOverridesAndRestartsTheStagesOncePerValue() {
    RolloutHarness h = harness().set("errorRate", 0.5);
    h.tick();
    h.after(Duration.ofMinutes(10));
    assertThat(h.pipeline.getStatus().stage().index()).isEqualTo(1);
    assertThat(h.pipeline.getStatus().memory().overrides()).hasSize(1);

    h.set("errorRate", 0.0);
    h.annotate(Groups.ANNOTATION_RETRY, "take-2");
    RolloutStep retried = h.afterSeconds(30);

    assertThat(retried.transitions()).extracting(Transition::reason).containsExactly("RolloutRestarted");
    assertThat(retried.status().memory().overrides()).isEmpty();
    assertThat(retried.status().stage().index()).isZero();
    assertThat(retried.status().stage().startedAt()).isEqualTo(h.now().toString());
    assertThat(retried.effective().flags().get(1).enabled()).isTrue();

    h.after(Duration.ofMinutes(10));
    RolloutStep sameValue = h.afterSeconds(30);
    assertThat(sameValue.status().stage().index()).isEqualTo(1);
    assertThat(sameValue.transitions()).isEmpty();
  }

  @Test
  void retryThenANewRollbackValueRollsBackAgain() {
    RolloutHarness h = harness();
    h.annotate(Groups.ANNOTATION_ROLLBACK, "1");
    h.tick();
    h.annotate(Groups.ANNOTATION_RETRY, "1");
    assertThat(h.afterSeconds(30).status().memory().overrides()).isEmpty();

    h.annotate(Groups.ANNOTATION_ROLLBACK, "2");
    RolloutStep again = h.afterSeconds(30);

    assertThat(again.actions()).hasSize(1);
    assertThat(again.status().actions()).hasSize(2);
    assertThat(again.status().memory().handledAnnotations()).containsEntry(Groups.ANNOTATION_ROLLBACK, "2")
        .containsEntry(Groups.ANNOTATION_RETRY, "1");
  }

  @Test
  void aNewRollbackValueWhileAManualRollbackHoldsTakesNothingNew() {
    RolloutHarness h = harness();
    h.annotate(Groups.ANNOTATION_ROLLBACK, "1");
    h.tick();
    h.annotate(Groups.ANNOTATION_ROLLBACK, "2");

    RolloutStep step = h.afterSeconds(30);

    assertThat(step.actions()).isEmpty();
    assertThat(step.status().memory().overrides()).hasSize(1);
    assertThat(step.status().memory().handledAnnotations()).containsEntry(Groups.ANNOTATION_ROLLBACK, "2");
  }

  @Test
  void manualControlsWorkWhilePaused() {
    RolloutHarness h = new RolloutHarness(RolloutHarness.paused(SPEC, true), harness().policy.getSpec());
    h.tick();
    h.annotate(Groups.ANNOTATION_ROLLBACK, "1");

    assertThat(h.afterSeconds(30).actions()).hasSize(1);
  }
}
