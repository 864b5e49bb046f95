package dev.maverick.rollout;

import static dev.maverick.rollout.RolloutHarness.flag;
import static dev.maverick.rollout.RolloutHarness.spec;
import static dev.maverick.rollout.RolloutHarness.stage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.Phase;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.RolloutSlot;
import dev.maverick.api.StageFlag;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** maxConcurrentRollouts: queued pipelines wait, in creation order; completion or rollback frees a slot. */
class RolloutSlotsTest {
  static RolloutPolicySpec limited(int maxConcurrentRollouts) {
    return new RolloutPolicySpec(new PrometheusSpec("http://prometheus:9090", null, null, null), "30s",
        MetricsUnavailablePolicy.Hold, "5m", "10m",
        List.of(stage("internal", "10m", List.of(new StageFlag("monitoring", 10))),
            stage("all", "10m", List.of(new StageFlag("monitoring", 100)))),
        List.of(), null, maxConcurrentRollouts, null);
  }

  @Test
  void aQueuedPipelineWaitsAndStartsItsFirstStageWhenAdmitted() {
    RolloutHarness h = new RolloutHarness(spec("1", RateLimitProfile.balanced, flag("monitoring", true, 100)),
        limited(1));
    h.slots = new RolloutSlots(1, "standard-rollout", 1, 0);

    RolloutStep queued = h.tick();
    assertThat(queued.phaseHint()).isEqualTo(Phase.Queued);
    assertThat(queued.status().memory().rolloutSlot()).isEqualTo(RolloutSlot.Queued);
    assertThat(queued.queuedBecause()).contains("waiting for a rollout slot: 1 of 1 in use by policy standard-rollout");
    assertThat(queued.transitions()).extracting(Transition::reason).containsExactly(Transition.QUEUED);
    assertThat(queued.status().stageSummary()).isEqualTo("internal (queued)");
    assertThat(h.after(Duration.ofMinutes(20)).status().stage().index()).isZero();

    h.slots = new RolloutSlots(1, "standard-rollout", 0, 0);
    RolloutStep admitted = h.afterSeconds(30);
    assertThat(admitted.transitions()).extracting(Transition::reason).containsExactly(Transition.SLOT_ACQUIRED);
    assertThat(admitted.status().memory().rolloutSlot()).isEqualTo(RolloutSlot.Held);
    assertThat(admitted.status().stage().startedAt()).as("the pause starts at admission").isEqualTo(h.now().toString());
    assertThat(admitted.phaseHint()).isEqualTo(Phase.Progressing);

    h.slots = new RolloutSlots(1, "standard-rollout", 1, 0);
    assertThat(h.after(Duration.ofMinutes(10)).status().memory().rolloutSlot()).as("a held slot is kept").isEqualTo(RolloutSlot.Held);
    RolloutStep complete = h.after(Duration.ofMinutes(10));
    assertThat(complete.status().stage().name()).isEqualTo(RolloutEngine.COMPLETE);
    assertThat(complete.status().memory().rolloutSlot()).isNull();
  }

  @Test
  void slotsGoInCreationOrderAndARollbackFreesOne() {
    RolloutPolicy policy = new RolloutPolicy();
    policy.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("standard-rollout").build());
    policy.setSpec(limited(1));
    EmbeddingPipeline first = pipeline("a-first", "2026-01-01T00:00:00Z", "rolloutSlot: Held\n  stage: {index: 0, name: internal, startedAt: '2026-01-01T00:00:00Z'}");
    EmbeddingPipeline second = pipeline("c-second", "2026-01-01T00:01:00Z", "rolloutSlot: Queued\n  stage: {index: 0, name: internal, startedAt: '2026-01-01T00:01:00Z'}");
    EmbeddingPipeline third = pipeline("b-third", "2026-01-01T00:02:00Z", null);

    assertThat(RolloutSlots.of(second, () -> Stream.of(first, second, third), policy))
        .isEqualTo(new RolloutSlots(1, "standard-rollout", 1, 0));
    assertThat(RolloutSlots.of(third, () -> Stream.of(first, second, third), policy).next(null, true, false))
        .isEqualTo(RolloutSlot.Queued);

    EmbeddingPipeline rolledBack = pipeline("a-first", "2026-01-01T00:00:00Z", "rolloutSlot: Held\n"
        + "  stage: {index: 0, name: internal, startedAt: '2026-01-01T00:00:00Z'}\n"
        + "  overrides: [{trigger: ManualRollback, action: {type: FullRollback}, at: '2026-01-01T00:03:00Z'}]");
    RolloutSlots forSecond = RolloutSlots.of(second, () -> Stream.of(rolledBack, second, third), policy);
    assertThat(forSecond.next(RolloutSlot.Queued, true, false)).isEqualTo(RolloutSlot.Held);
    RolloutSlots forThird = RolloutSlots.of(third, () -> Stream.of(rolledBack, second, third), policy);
    assertThat(forThird).as("the second, created earlier, is ahead").isEqualTo(new RolloutSlots(1, "standard-rollout", 0, 1));
    assertThat(forThird.next(null, true, false)).isEqualTo(RolloutSlot.Queued);
  }

  @Test
  void aRollbackOfTheHolderFreesItsOwnSlot() {
    RolloutHarness h = new RolloutHarness(spec("1", RateLimitProfile.balanced, flag("monitoring", true, 100)),
        limited(1));
    h.slots = new RolloutSlots(1, "standard-rollout", 0, 0);
    assertThat(h.tick().status().memory().rolloutSlot()).isEqualTo(RolloutSlot.Held);
    h.annotate(dev.maverick.api.Groups.ANNOTATION_ROLLBACK, "1");

    assertThat(h.afterSeconds(30).status().memory().rolloutSlot()).isNull();
  }

  private static EmbeddingPipeline pipeline(String name, String created, String status) {
    return Serialization.unmarshal("apiVersion: maverick.dev/v1alpha1\nkind: EmbeddingPipeline\n"
        + "metadata: {name: " + name + ", namespace: docs, creationTimestamp: '" + created + "'}\n"
        + "spec: {app: {image: a}, worker: {image: w}, rolloutPolicyRef: {name: standard-rollout}}\n"
        + (status == null ? "" : "status:\n  " + status + "\n"), EmbeddingPipeline.class);
  }
}
