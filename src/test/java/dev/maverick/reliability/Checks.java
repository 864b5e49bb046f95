package dev.maverick.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.pipeline.ChildKind;
import dev.maverick.pipeline.ChildNames;
import dev.maverick.pipeline.PipelineChildren;
import dev.maverick.pipeline.PipelineModel;
import dev.maverick.rollout.EffectiveRollout;
import dev.maverick.rollout.Readings;
import dev.maverick.rollout.RolloutEngine;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** What the reliability tests check on the API server, and the test-side chores done through faults. */
final class Checks {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Checks() {}

  /**
   * Every child of the pipeline is what {@code PipelineChildren.desired(PipelineModel.of(pipeline,
   * effective))} renders for the effective state its status records (spec or data, labels,
   * annotations, owner), and no other child carries its instance label.
   */
  static void assertChildrenAsDesired(OperatorHarness k8s, EmbeddingPipeline pipeline, RolloutPolicy policy) {
    EffectiveRollout effective = new RolloutEngine(k8s.clock, PipelineModel::flagsHash)
        .step(pipeline, policy, Readings.none(), true).effective();
    List<HasMetadata> desired = PipelineChildren.desired(PipelineModel.of(pipeline, effective));
    String name = pipeline.getMetadata().getName();
    for (HasMetadata want : desired) {
      String child = want.getKind() + " " + want.getMetadata().getName();
      HasMetadata live = k8s.get(want.getClass(), want.getMetadata().getName());
      assertThat(live).as(child).isNotNull();
      ObjectNode wantTree = SERIALIZATION.convertValue(want, ObjectNode.class);
      ObjectNode liveTree = SERIALIZATION.convertValue(live, ObjectNode.class);
      for (String field : List.of("spec", "data")) {
        assertThat(liveTree.get(field)).as(child + " ." + field).isEqualTo(wantTree.get(field));
      }
      assertThat(live.getMetadata().getLabels()).as(child + " labels")
          .containsAllEntriesOf(want.getMetadata().getLabels());
      if (want.getMetadata().getAnnotations() != null) {
        assertThat(live.getMetadata().getAnnotations()).as(child + " annotations")
            .containsAllEntriesOf(want.getMetadata().getAnnotations());
      }
      assertThat(live.getMetadata().getOwnerReferences()).as(child + " owner")
          .isEqualTo(want.getMetadata().getOwnerReferences());
    }
    Set<String> liveChildren = new TreeSet<>();
    for (ChildKind<? extends HasMetadata> kind : PipelineChildren.KINDS) {
      k8s.client.resources(kind.type()).inNamespace(OperatorHarness.NAMESPACE)
          .withLabel(ChildNames.INSTANCE_LABEL, name).list().getItems()
          .forEach(c -> liveChildren.add(c.getKind() + " " + c.getMetadata().getName()));
    }
    assertThat(liveChildren).as("children of " + name)
        .isEqualTo(desired.stream().map(c -> c.getKind() + " " + c.getMetadata().getName())
            .collect(Collectors.toCollection(TreeSet::new)));
  }

  /**
   * The Paperless policy {@code name} on {@code prometheusUrl} (timeout 5s), its trigger breaching after
   * {@code forDuration}, announcing to the webhook in Secret slack-webhook.
   */
  static RolloutPolicy successRatePolicy(String name, String prometheusUrl, String forDuration) {
    return Fixtures.paperlessPolicy().withName(name).withPrometheus(prometheusUrl, "5s").withFor(forDuration)
        .withWebhook().build();
  }

  /**
   * The RolloutPolicy "guarded" whose trigger breaches at a pipeline's first evaluation (one DisableFlag
   * each, at once) and whose webhook goes to {@code webhookPath} on {@code webhook}.
   */
  static void guardedPolicyBreachingAtOnce(OperatorHarness k8s, FakePrometheusServer prometheus,
      FakePrometheusServer webhook, String webhookPath) {
    prometheus.answerData("""
        {"resultType":"vector","result":[{"metric":{},"value":[1700000000,"0.5"]}]}""");
    webhook.answerData("{}");
    k8s.create(secret("slack-webhook", "url", webhook.url() + webhookPath));
    k8s.create(successRatePolicy("guarded", prometheus.url(), "0s"));
  }

  /**
   * Whether the operator has settled the pipeline: Ready, or rolled out and Stalled because an
   * action's override is in force (API.md "Every tool reports the same health": then it is not
   * Ready until a retry).
   */
  static boolean settled(dev.maverick.api.EmbeddingPipelineStatus status) {
    boolean actionInForce = dev.maverick.status.Conditions.find(status.conditions(), dev.maverick.status.Conditions.STALLED)
        .filter(c -> "True".equals(c.getStatus()))
        .filter(c -> dev.maverick.pipeline.PipelineHealth.REASON_ACTION_IN_FORCE.equals(c.getReason())
            || dev.maverick.pipeline.PipelineHealth.REASON_ROLLED_BACK.equals(c.getReason()))
        .isPresent();
    return dev.maverick.status.Conditions.isTrue(status.conditions(), dev.maverick.status.Conditions.READY)
        || actionInForce && rolledOut(status.app()) && rolledOut(status.worker());
  }

  private static boolean rolledOut(dev.maverick.api.ReplicaStatus replicas) {
    return replicas != null && Objects.equals(replicas.replicas(), replicas.readyReplicas());
  }

  /**
   * The delivery ids of the announcements a webhook received, in order. A webhook is at least once:
   * an operator stopped after the webhook answered and before its status dropped the announcement
   * sends it again, with the same id.
   */
  static List<String> deliveryIds(dev.maverick.prometheus.FakePrometheusServer webhook, String path) {
    return webhook.requests().stream().filter(r -> r.path().equals(path))
        .map(r -> r.headers().getFirst(dev.maverick.notifications.WebhookNotifier.DELIVERY_HEADER)).toList();
  }

  /** Distinct announcements a webhook received (repeats of one delivery id count once). */
  static long announcementsDelivered(dev.maverick.prometheus.FakePrometheusServer webhook, String path) {
    return deliveryIds(webhook, path).stream().distinct().count();
  }

  /** A Secret holding {@code value} under {@code key}, as {@code data} (the mock API server ignores stringData). */
  static Secret secret(String name, String key, String value) {
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata()
        .withData(Map.of(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))).build();
  }

  /** Plays the kubelet for every Deployment whose current spec is not rolled out yet. */
  static void rollOutPending(OperatorHarness k8s) {
    for (Deployment deployment : retrying(() -> k8s.client.apps().deployments().inNamespace(OperatorHarness.NAMESPACE)
        .list().getItems())) {
      var status = deployment.getStatus();
      if (status == null || !Objects.equals(status.getObservedGeneration(), deployment.getMetadata().getGeneration())
          || !Objects.equals(status.getReadyReplicas(), deployment.getSpec().getReplicas())) {
        retrying(() -> k8s.rollOut(deployment.getMetadata().getName()));
      }
    }
  }

  /** A request of the test itself (a person's or the kubelet's), repeated while the API server fails it. */
  static <T> T retrying(Supplier<T> request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return request.get();
      } catch (KubernetesClientException e) {
        if (attempt == 30) {
          throw e;
        }
      }
    }
  }
}
