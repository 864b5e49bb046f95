package dev.maverick.pipeline;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.rollout.RolloutSlots;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a reconcile observes in the cluster before the rollout step decides: the live Deployments
 * (from the informers' cache) and the pipelines that share the policy's rollout slots.
 *
 * @param workloadsReady whether the serving app and the worker Deployments are rolled out
 */
record Observed(Map<String, Deployment> deployments, boolean workloadsReady, RolloutSlots slots) {
  static Observed of(EmbeddingPipeline pipeline, RolloutPolicy policy, Context<EmbeddingPipeline> context) {
    String name = pipeline.getMetadata().getName();
    Map<String, Deployment> live = ChildrenSync.byName(context.getSecondaryResourcesAsStream(Deployment.class));
    var blueGreen = pipeline.getStatus() == null ? null : pipeline.getStatus().blueGreen();
    boolean ready = Stream.of(ChildNames.servingApp(name, pipeline.getSpec().app(), blueGreen),
        ChildNames.of(name, Component.WORKER)).allMatch(deployment -> Rollouts.complete(live.get(deployment)));
    RolloutSlots slots = RolloutSlots.of(pipeline, () -> context.getPrimaryCache()
        .list(pipeline.getMetadata().getNamespace())
        .filter(other -> other.rolloutPolicyName().equals(pipeline.rolloutPolicyName())), policy);
    return new Observed(live, ready, slots);
  }
}
