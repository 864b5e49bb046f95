package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.Phase;
import dev.maverick.status.Conditions;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Status, validation, the policy reference and write efficiency (issue 2, items 4 and 5). */
class PipelineStatusIT {
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().build();

  @Test
  void isReadyOnceBothDeploymentsAreRolledOut() {
    k8s.create(Fixtures.paperless());
    k8s.awaitChild(Deployment.class, "paperless-maverick-worker");
    await().untilAsserted(() -> assertThat(k8s.pipeline("paperless-maverick").getStatus().phase())
        .isEqualTo(Phase.Pending));
    assertThat(Conditions.isTrue(k8s.pipeline("paperless-maverick").getStatus().conditions(), Conditions.RECONCILING))
        .isTrue();

    k8s.rollOut("paperless-maverick-app");
    await().untilAsserted(() -> {
      var status = k8s.pipeline("paperless-maverick").getStatus();
      assertThat(status.phase()).isEqualTo(Phase.Progressing);
      assertThat(status.app().summary()).isEqualTo("3/3");
      assertThat(Conditions.isTrue(status.conditions(), Conditions.READY)).isFalse();
    });

    k8s.rollOut("paperless-maverick-worker");
    await().untilAsserted(() -> {
      EmbeddingPipeline pipeline = k8s.pipeline("paperless-maverick");
      var status = pipeline.getStatus();
      assertThat(status.observedGeneration()).isEqualTo(pipeline.getMetadata().getGeneration());
      assertThat(status.phase()).isEqualTo(Phase.Healthy);
      assertThat(status.app().replicas()).isEqualTo(3);
      assertThat(status.app().readyReplicas()).isEqualTo(3);
      assertThat(status.worker().replicas()).isEqualTo(2);
      assertThat(status.worker().readyReplicas()).isEqualTo(2);
      assertThat(Conditions.isTrue(status.conditions(), Conditions.READY)).isTrue();
      assertThat(Conditions.isTrue(status.conditions(), Conditions.RECONCILING)).isFalse();
      assertThat(Conditions.isTrue(status.conditions(), Conditions.STALLED)).isFalse();
      assertThat(status.currentRevision().appImage()).isEqualTo("registry.example/paperless-maverick:1.4.0");
    });
  }

  /**
   * Issue 11.3: a rollback in force is not a green deploy. The Ready, Reconciling and Stalled
   * conditions agree (kstatus: Failed, kubectl wait: not Ready) until the retry annotation clears it.
   */
  @Test
  void aManualRollbackIsStalledAndNotReadyUntilRetried() {
    k8s.create(Fixtures.paperless());
    k8s.awaitChild(Deployment.class, "paperless-maverick-worker");
    k8s.rollOut("paperless-maverick-app");
    k8s.rollOut("paperless-maverick-worker");
    await().until(() -> k8s.pipeline("paperless-maverick").getStatus().phase() == Phase.Healthy);

    annotate(dev.maverick.api.Groups.ANNOTATION_ROLLBACK, "1");
    await().untilAsserted(() -> {
      var status = k8s.pipeline("paperless-maverick").getStatus();
      assertThat(status.phase()).isEqualTo(Phase.RolledBack);
      assertThat(Conditions.isTrue(status.conditions(), Conditions.READY)).isFalse();
      assertThat(Conditions.isTrue(status.conditions(), Conditions.RECONCILING)).isFalse();
      assertThat(Conditions.find(status.conditions(), Conditions.STALLED)).hasValueSatisfying(stalled -> {
        assertThat(stalled.getStatus()).isEqualTo("True");
        assertThat(stalled.getReason()).isEqualTo("RolledBack");
        assertThat(stalled.getMessage()).contains("FullRollback by ManualRollback", status.actions().get(0).detail());
      });
    });

    annotate(dev.maverick.api.Groups.ANNOTATION_RETRY, "1");
    await().untilAsserted(() -> {
      // the flags come back, so the pods restart (restartOnChange): the kubelet rolls them out
      k8s.rollOut("paperless-maverick-app");
      k8s.rollOut("paperless-maverick-worker");
      var status = k8s.pipeline("paperless-maverick").getStatus();
      assertThat(status.memory().overrides()).isEmpty();
      assertThat(Conditions.isTrue(status.conditions(), Conditions.READY)).isTrue();
      assertThat(Conditions.isTrue(status.conditions(), Conditions.STALLED)).isFalse();
    });
  }

  private void annotate(String key, String value) {
    k8s.edit(EmbeddingPipeline.class, "paperless-maverick", p -> {
      var annotations = new java.util.HashMap<String, String>(
          p.getMetadata().getAnnotations() == null ? java.util.Map.of() : p.getMetadata().getAnnotations());
      annotations.put(key, value);
      p.getMetadata().setAnnotations(annotations);
      return p;
    });
  }

  @Test
  void aSteadyStateReconcileWritesNothing() {
    k8s.create(Fixtures.paperless());
    k8s.awaitChild(Deployment.class, "paperless-maverick-worker");
    k8s.rollOut("paperless-maverick-app");
    k8s.rollOut("paperless-maverick-worker");
    await().until(() -> k8s.pipeline("paperless-maverick").getStatus().phase() == Phase.Healthy);
    double before = k8s.reconciliations();

    k8s.clearRequests();
    // an annotation nobody acts on: the pipeline is reconciled, and nothing needs writing
    k8s.edit(EmbeddingPipeline.class, "paperless-maverick", p -> {
          p.getMetadata().getAnnotations().put("example.com/owner", "search-team");
          return p;
        });
    await().until(() -> k8s.reconciliations() >= before + 1);

    List<RecordedRequest> writes = new ArrayList<>(k8s.takeRequests().stream().filter(OperatorHarness::isWrite).toList());
    // the test's own edit is the only write
    assertThat(writes).extracting(r -> r.getMethod() + " " + r.getPath()).containsExactly(
        "PATCH /apis/maverick.dev/v1alpha1/namespaces/paperless-maverick/embeddingpipelines/paperless-maverick");
  }

  @Test
  void anInvalidSpecStallsWithoutTouchingAnyChild() {
    k8s.create(Fixtures.paperless());
    Deployment before = k8s.awaitChild(Deployment.class, "paperless-maverick-app");
    ConfigMap flagsBefore = k8s.awaitChild(ConfigMap.class, "paperless-maverick-flags");

    editSpec(spec -> {
      var flags = new ArrayList<>(spec.featureFlags());
      flags.add(flags.get(0));
      var app = spec.app();
      return new dev.maverick.api.EmbeddingPipelineSpec(
          app.withImage("registry.example/paperless-maverick:9.9.9"),
          spec.worker(), flags, spec.rateLimiting(), spec.flagDelivery(), spec.rolloutPolicyRef(), spec.paused());
    });

    await().untilAsserted(() -> {
      var status = k8s.pipeline("paperless-maverick").getStatus();
      assertThat(status.phase()).isEqualTo(Phase.Invalid);
      assertThat(Conditions.find(status.conditions(), Conditions.STALLED)).hasValueSatisfying(c -> {
        assertThat(c.getStatus()).isEqualTo("True");
        assertThat(c.getMessage()).contains("spec.featureFlags[3].name: duplicate flag name 'embeddingMonitoring'");
      });
      assertThat(events()).anySatisfy(e -> {
        assertThat(e.getType()).isEqualTo("Warning");
        assertThat(e.getReason()).isEqualTo("InvalidSpec");
        assertThat(e.getMessage()).contains("spec.featureFlags[3].name");
      });
    });
    Deployment after = k8s.get(Deployment.class, "paperless-maverick-app");
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(k8s.get(ConfigMap.class, "paperless-maverick-flags").getMetadata().getResourceVersion())
        .isEqualTo(flagsBefore.getMetadata().getResourceVersion());
  }

  @Test
  void waitsForAMissingRolloutPolicyThenReconcilesWhenItIsCreated() {
    EmbeddingPipeline pipeline = Fixtures.paperlessUsing("standard-rollout");
    k8s.create(pipeline);

    await().untilAsserted(() -> {
      var status = k8s.pipeline("paperless-maverick").getStatus();
      assertThat(status.phase()).isEqualTo(Phase.Pending);
      assertThat(Conditions.find(status.conditions(), Conditions.READY)).hasValueSatisfying(c -> {
        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("RolloutPolicyNotFound");
        assertThat(c.getMessage()).contains("RolloutPolicy 'standard-rollout' not found");
      });
    });
    assertThat(k8s.get(Deployment.class, "paperless-maverick-app")).isNull();

    k8s.create(Fixtures.paperlessPolicy().build());
    k8s.awaitChild(Deployment.class, "paperless-maverick-app");
    await().untilAsserted(() -> assertThat(Conditions.isTrue(
        k8s.policy("standard-rollout").getStatus().conditions(), Conditions.READY)).isTrue());
  }

  @Test
  void anInvalidPolicyStallsThePolicyAndThePipelinesUsingIt() {
    var policy = Fixtures.paperlessPolicy().build();
    var ps = policy.getSpec();
    policy.setSpec(new dev.maverick.api.RolloutPolicySpec(ps.prometheus(), "30x", ps.onMetricsUnavailable(),
        ps.metricsUnavailableGrace(), ps.stableAfter(), ps.stages(), ps.triggers(), ps.notifications()));
    k8s.create(policy);
    EmbeddingPipeline pipeline = Fixtures.paperlessUsing("standard-rollout");
    k8s.create(pipeline);

    await().untilAsserted(() -> {
      assertThat(Conditions.find(k8s.policy("standard-rollout").getStatus().conditions(), Conditions.STALLED))
          .hasValueSatisfying(c -> assertThat(c.getMessage()).startsWith("spec.interval: '30x' is not a duration"));
      var status = k8s.pipeline("paperless-maverick").getStatus();
      assertThat(status.phase()).isEqualTo(Phase.Invalid);
      assertThat(Conditions.find(status.conditions(), Conditions.STALLED)).hasValueSatisfying(c ->
          assertThat(c.getMessage()).startsWith("rolloutPolicyRef: RolloutPolicy 'standard-rollout' is invalid: spec.interval: '30x'"));
    });
    assertThat(k8s.get(Deployment.class, "paperless-maverick-app")).isNull();
  }

  private void editSpec(UnaryOperator<dev.maverick.api.EmbeddingPipelineSpec> change) {
    k8s.edit(EmbeddingPipeline.class, "paperless-maverick", p -> {
          p.setSpec(change.apply(p.getSpec()));
          return p;
        });
  }

  private List<Event> events() {
    return k8s.client.v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems();
  }
}
