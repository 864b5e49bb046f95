package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A pipeline waiting for a maxConcurrentRollouts slot is healthy but not done: Argo CD says Progressing. */
class QueuedHealthTest {

  @Test
  void aQueuedPipelineIsProgressingWithTheReason() {
    assertThat(ArgoCdHealthTest.health("queued")).isEqualTo(new ArgoCdHealthTest.Health("Progressing",
        "waiting for a rollout slot: 5 of 5 in use by policy standard-rollout"));
  }
}
