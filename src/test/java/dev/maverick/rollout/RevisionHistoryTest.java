package dev.maverick.rollout;

import static dev.maverick.rollout.RolloutHarness.flag;
import static dev.maverick.rollout.RolloutHarness.policy;
import static dev.maverick.rollout.RolloutHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.ActionType;
import dev.maverick.api.EffectiveFlag;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.Groups;
import dev.maverick.api.Phase;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RevisionOutcome;
import dev.maverick.api.RevisionRecord;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** status.revisions, maverick.dev/rollback-to and maverick.dev/abort. */
class RevisionHistoryTest {
  private static final EmbeddingPipelineSpec V1 = spec("1", RateLimitProfile.balanced,
      flag("monitoring", true, 100), flag("queue", true, 100));

  private static RolloutHarness harness() {
    return new RolloutHarness(V1, policy());
  }

  @Test
  void numbersOnlyGrowAndOutcomesFollowTheRollout() {
    RolloutHarness h = harness();
    assertThat(h.tick().status().revisions()).extracting(RevisionRecord::number, RevisionRecord::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, RevisionOutcome.Current));
    assertThat(h.after(Duration.ofMinutes(10)).status().revisions().get(0).outcome()).isEqualTo(RevisionOutcome.Stable);

    h.edit(spec("2", RateLimitProfile.balanced, flag("monitoring", true, 100), flag("queue", true, 100)));
    assertThat(h.afterSeconds(30).status().revisions()).extracting(RevisionRecord::outcome)
        .containsExactly(RevisionOutcome.Stable, RevisionOutcome.Current);
    assertThat(h.after(Duration.ofMinutes(10)).status().revisions()).extracting(RevisionRecord::outcome)
        .containsExactly(RevisionOutcome.Superseded, RevisionOutcome.Stable);

    h.edit(spec("3", RateLimitProfile.balanced, flag("monitoring", true, 100), flag("queue", true, 100)));
    h.annotate(Groups.ANNOTATION_ROLLBACK, "bad");
    RolloutStep rolledBack = h.afterSeconds(30);
    assertThat(rolledBack.status().revisions()).extracting(RevisionRecord::number, RevisionRecord::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, RevisionOutcome.Superseded),
            org.assertj.core.groups.Tuple.tuple(2L, RevisionOutcome.Stable),
            org.assertj.core.groups.Tuple.tuple(3L, RevisionOutcome.RolledBack));

    h.edit(V1);
    assertThat(h.afterSeconds(30).status().revisions())
        .extracting(RevisionRecord::number, RevisionRecord::appImage, RevisionRecord::outcome)
        .as("the same revision again gets a new number and replaces the old entry")
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "registry.example/app:2", RevisionOutcome.Stable),
            org.assertj.core.groups.Tuple.tuple(3L, "registry.example/app:3", RevisionOutcome.RolledBack),
            org.assertj.core.groups.Tuple.tuple(4L, "registry.example/app:1", RevisionOutcome.Current));
  }

  @Test
  void keepsTheLastTenAndNeverReusesANumber() {
    RolloutHarness h = harness();
    h.tick();
    for (int version = 2; version <= 12; version++) {
      h.edit(spec(String.valueOf(version), RateLimitProfile.balanced, flag("monitoring", true, 100)));
      h.afterSeconds(30);
    }
    assertThat(h.pipeline.getStatus().revisions()).extracting(RevisionRecord::number)
        .containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);

    h.restartOperator();
    h.edit(V1);
    assertThat(h.afterSeconds(30).status().revisions()).extracting(RevisionRecord::number)
        .containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
  }

  @Test
  void rollbackToRestoresARevisionsImagesFlagsAndProfileAlsoAfterItsFlagsChanged() {
    RolloutHarness h = harness();
    h.tick();
    h.after(Duration.ofMinutes(10));
    h.edit(spec("2", RateLimitProfile.aggressive, flag("monitoring", true, 30), flag("queue", false, 0)));
    h.afterSeconds(30);
    h.edit(spec("3", RateLimitProfile.conservative, flag("monitoring", true, 100), flag("batch", true, 50)));
    h.afterSeconds(30);

    h.annotate(Groups.ANNOTATION_ROLLBACK_TO, "2");
    RolloutStep step = h.afterSeconds(30);

    assertThat(step.actions()).singleElement().satisfies(a -> {
      assertThat(a.reason()).isEqualTo(RolloutEngine.MANUAL_ROLLBACK);
      assertThat(a.type()).isEqualTo(ActionType.FullRollback);
      assertThat(a.detail()).isEqualTo("rolled back to revision 2: app registry.example/app:2, worker"
          + " registry.example/worker:2, profile aggressive (maverick.dev/rollback-to=2)");
    });
    assertThat(step.effective().appImage()).isEqualTo("registry.example/app:2");
    assertThat(step.effective().workerImage()).isEqualTo("registry.example/worker:2");
    assertThat(step.effective().rateLimitProfile()).isEqualTo(RateLimitProfile.aggressive);
    assertThat(step.effective().flags()).as("exactly revision 2's flags, also one the spec has dropped since")
        .containsExactlyInAnyOrder(new EffectiveFlag("monitoring", true, 30), new EffectiveFlag("batch", false, 0),
            new EffectiveFlag("queue", false, 0));
    assertThat(step.phaseHint()).isEqualTo(Phase.RolledBack);
    assertThat(step.status().revisions()).extracting(RevisionRecord::outcome).last().isEqualTo(RevisionOutcome.RolledBack);

    assertThat(h.after(Duration.ofHours(1)).effective().appImage()).as("the override holds")
        .isEqualTo("registry.example/app:2");
    h.annotate(Groups.ANNOTATION_RETRY, "1");
    assertThat(h.afterSeconds(30).effective().appImage()).isEqualTo("registry.example/app:3");
  }

  @Test
  void anUnknownRevisionIsAWarningAndNothingElseOncePerValue() {
    RolloutHarness h = harness();
    h.tick();
    h.annotate(Groups.ANNOTATION_ROLLBACK_TO, "7");

    RolloutStep step = h.afterSeconds(30);
    assertThat(step.warnings()).singleElement().satisfies(w -> {
      assertThat(w.reason()).isEqualTo(Transition.ROLLBACK_TARGET_UNKNOWN);
      assertThat(w.message()).isEqualTo(
          "maverick.dev/rollback-to=7: no such revision in status.revisions (numbers: 1); nothing changed");
    });
    assertThat(step.actions()).isEmpty();
    assertThat(step.status().memory().overrides()).isEmpty();
    assertThat(h.afterSeconds(30).warnings()).isEmpty();

    h.annotate(Groups.ANNOTATION_ROLLBACK_TO, "two");
    assertThat(h.afterSeconds(30).warnings()).hasSize(1);
  }

  @Test
  void removingRollbackToLetsTheSameRevisionBeUsedAgain() {
    RolloutHarness h = harness();
    h.tick();
    h.annotate(Groups.ANNOTATION_ROLLBACK_TO, "1");
    assertThat(h.afterSeconds(30).actions()).hasSize(1);
    h.annotate(Groups.ANNOTATION_RETRY, "1");
    h.afterSeconds(30);

    h.pipeline.getMetadata().getAnnotations().remove(Groups.ANNOTATION_ROLLBACK_TO);
    assertThat(h.afterSeconds(30).status().memory().handledAnnotations()).doesNotContainKey(Groups.ANNOTATION_ROLLBACK_TO);
    h.annotate(Groups.ANNOTATION_ROLLBACK_TO, "1");
    assertThat(h.afterSeconds(30).actions()).hasSize(1);
  }

  @Test
  void abortTakesAFullRollbackAtOnceAndHoldsIt() {
    RolloutHarness h = harness();
    h.tick();
    h.after(Duration.ofMinutes(10));
    h.edit(spec("2", RateLimitProfile.balanced, flag("monitoring", true, 100), flag("queue", true, 100)));
    h.afterSeconds(30);
    h.annotate(Groups.ANNOTATION_ABORT, "stop");

    RolloutStep aborted = h.afterSeconds(30);
    assertThat(aborted.actions()).singleElement().satisfies(a -> {
      assertThat(a.trigger()).isEqualTo(RolloutEngine.MANUAL_ABORT);
      assertThat(a.reason()).isEqualTo(RolloutEngine.MANUAL_ABORT);
      assertThat(a.type()).isEqualTo(ActionType.FullRollback);
    });
    assertThat(aborted.effective().appImage()).isEqualTo("registry.example/app:1");
    assertThat(aborted.phaseHint()).isEqualTo(Phase.RolledBack);

    h.annotate(Groups.ANNOTATION_ABORT, "again");
    RolloutStep later = h.after(Duration.ofHours(1));
    assertThat(later.actions()).isEmpty();
    assertThat(later.effective().appImage()).isEqualTo("registry.example/app:1");
  }
}
