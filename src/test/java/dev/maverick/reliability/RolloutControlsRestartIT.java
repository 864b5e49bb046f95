package dev.maverick.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.AppSpec;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.Groups;
import dev.maverick.api.Phase;
import dev.maverick.api.RevisionRecord;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.RolloutSlot;
import dev.maverick.status.Conditions;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * maxConcurrentRollouts and revision numbers come from the pipelines' status, not the operator's
 * memory: a restarted operator keeps the queue as it was and continues the revision numbers.
 */
class RolloutControlsRestartIT {
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().build();

  @BeforeEach
  void start() {
    k8s.create(Serialization.unmarshal("""
        apiVersion: maverick.dev/v1alpha1
        kind: RolloutPolicy
        metadata: {name: one-at-a-time}
        spec:
          prometheus: {url: "http://127.0.0.1:9"}
          interval: 1s
          maxConcurrentRollouts: 1
          stages:
          - name: internal
            flags: [{name: embeddingMonitoring, rolloutPercentage: 10}]
            pause: 48h
        """, RolloutPolicy.class));
    k8s.create(named("alpha"));
    await().until(() -> status("alpha").memory().rolloutSlot() == RolloutSlot.Held);
    k8s.create(named("beta"));
  }

  @Test
  void queueSlotsAndRevisionNumbersSurviveARestart() {
    awaitQueued("beta");
    setImage("alpha", "1.5.0");
    setImage("alpha", "1.6.0");
    await().untilAsserted(() -> assertThat(status("alpha").revisions()).extracting(RevisionRecord::number)
        .containsExactly(1L, 2L, 3L));

    k8s.stopOperator();
    k8s.startOperator();
    setImage("alpha", "1.7.0");

    await().untilAsserted(() -> assertThat(status("alpha").revisions()).extracting(RevisionRecord::number)
        .containsExactly(1L, 2L, 3L, 4L));
    assertThat(status("alpha").memory().rolloutSlot()).isEqualTo(RolloutSlot.Held);
    awaitQueued("beta");

    // a rollback frees alpha's slot; beta, re-checked every interval, takes it
    annotate("alpha", Groups.ANNOTATION_ROLLBACK, "incident");
    await().untilAsserted(() -> {
      assertThat(status("alpha").memory().rolloutSlot()).isNull();
      assertThat(status("beta").memory().rolloutSlot()).isEqualTo(RolloutSlot.Held);
      assertThat(status("beta").phase()).isNotEqualTo(Phase.Queued);
    });
  }

  private void awaitQueued(String name) {
    await().untilAsserted(() -> {
      EmbeddingPipelineStatus status = status(name);
      assertThat(status.phase()).isEqualTo(Phase.Queued);
      assertThat(status.memory().rolloutSlot()).isEqualTo(RolloutSlot.Queued);
      assertThat(status.stageSummary()).isEqualTo("internal (queued)");
      assertThat(Conditions.find(status.conditions(), Conditions.RECONCILING)).hasValueSatisfying(c -> {
        assertThat(c.getStatus()).isEqualTo("True");
        assertThat(c.getReason()).isEqualTo("Queued");
        assertThat(c.getMessage()).isEqualTo("waiting for a rollout slot: 1 of 1 in use by policy one-at-a-time");
      });
    });
  }

  private static EmbeddingPipeline named(String name) {
    EmbeddingPipeline pipeline = Fixtures.paperlessUsing("one-at-a-time");
    pipeline.getMetadata().setName(name);
    return pipeline;
  }

  private void setImage(String name, String version) {
    k8s.edit(EmbeddingPipeline.class, name, p -> {
      EmbeddingPipelineSpec s = p.getSpec();
      AppSpec a = s.app();
      p.setSpec(new EmbeddingPipelineSpec(a.withImage("registry.example/paperless-maverick:" + version), s.worker(), s.featureFlags(),
          s.rateLimiting(), s.flagDelivery(), s.rolloutPolicyRef(), s.paused()));
      return p;
    });
    await().until(() -> status(name).revisions() != null && status(name).revisions().stream()
        .anyMatch(r -> r.appImage().endsWith(":" + version)));
  }

  private void annotate(String name, String key, String value) {
    k8s.edit(EmbeddingPipeline.class, name, p -> {
      Map<String, String> annotations = new HashMap<>(
          p.getMetadata().getAnnotations() == null ? Map.of() : p.getMetadata().getAnnotations());
      annotations.put(key, value);
      p.getMetadata().setAnnotations(annotations);
      return p;
    });
  }

  private EmbeddingPipelineStatus status(String name) {
    EmbeddingPipelineStatus status = k8s.pipeline(name).getStatus();
    return status == null ? EmbeddingPipelineStatus.initial() : status;
  }
}
