package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.ReplicaStatus;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12: the operator's own status writes do not wake the pipeline's reconcile again (their echo
 * was two of the four reconciles per pipeline while creating), while the spec, labels and
 * annotations still do. The pauses give a reconcile that would wrongly run the time to run; the
 * assertions are on counts.
 */
class StatusOnlyUpdatesIT {
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().build();

  @Test
  void aStatusOnlyUpdateRunsNoReconcileAndAMetadataChangeOneMore() throws InterruptedException {
    k8s.create(Fixtures.minimal());
    k8s.rollOutPipeline("minimal");
    Thread.sleep(1000); // the events of the roll-out settle
    double settled = k8s.reconciliations();

    k8s.client.resource(k8s.pipeline("minimal")).editStatus(p -> {
      var status = p.getStatus();
      // what a status write of the operator looks like to the informer: the status changed, nothing else
      p.setStatus(status.withObservation(status.observedGeneration(), status.conditions(), status.phase(),
          ReplicaStatus.of(7, 7), status.worker()));
      return p;
    });
    Thread.sleep(1000);
    assertThat(k8s.reconciliations()).as("reconciles after a status-only update").isEqualTo(settled);

    k8s.edit(EmbeddingPipeline.class, "minimal", p -> {
      p.getMetadata().setLabels(Map.of("team", "search"));
      return p;
    });
    await().until(() -> k8s.reconciliations() > settled);
    Thread.sleep(1000);
    assertThat(k8s.reconciliations()).as("reconciles after a label change").isEqualTo(settled + 1);
  }

  @Test
  void onlyAStatusChangeIsIgnored() {
    EmbeddingPipeline before = Fixtures.minimal();
    before.getMetadata().setGeneration(1L);
    IgnoreStatusOnlyUpdates filter = new IgnoreStatusOnlyUpdates();

    EmbeddingPipeline statusOnly = Fixtures.minimal();
    statusOnly.getMetadata().setGeneration(1L);
    statusOnly.getMetadata().setResourceVersion("2");
    statusOnly.setStatus(EmbeddingPipelineStatus.initial());
    assertThat(filter.accept(statusOnly, before)).isFalse();

    EmbeddingPipeline spec = Fixtures.minimal();
    spec.getMetadata().setGeneration(2L);
    EmbeddingPipeline annotated = Fixtures.minimal();
    annotated.getMetadata().setGeneration(1L);
    annotated.getMetadata().setAnnotations(Map.of("maverick.dev/abort", "true"));
    EmbeddingPipeline deleted = Fixtures.minimal();
    deleted.getMetadata().setGeneration(1L);
    deleted.getMetadata().setDeletionTimestamp("2026-12-03T10:00:00Z");
    assertThat(filter.accept(spec, before)).as("spec").isTrue();
    assertThat(filter.accept(annotated, before)).as("a manual control").isTrue();
    assertThat(filter.accept(deleted, before)).as("deletion").isTrue();
  }
}
