package dev.maverick.pipeline;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.integrations.ClusterApi;
import dev.maverick.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Brings all of a pipeline's children to the desired state of its {@link PipelineModel}, and skips
 * that work when it cannot change anything: the model equals the one last applied and every child
 * has the resourceVersion that apply left (or last saw). Most reconciles are evaluation ticks that
 * change neither, and rendering and comparing a dozen children was most of their cost. A person
 * editing or deleting a child changes its resourceVersion or removes it, so drift is still repaired.
 */
final class ChildrenSync {
  /** What a sync found: the live Deployments by name, and the optional APIs' children asked for. */
  record Outcome(Map<String, Deployment> deployments, Integrations integrations) {}

  /**
   * A child as far as its desired state is concerned: its resourceVersion, or for a kind whose
   * generation tracks its spec, the generation and the metadata the operator sets, so that a
   * status written by another controller is not a change.
   */
  private record ChildVersion(Class<?> type, String name, Object version) {
    static ChildVersion of(HasMetadata child, ChildKind<?> kind) {
      ObjectMeta meta = child.getMetadata();
      Object version = kind.generationTracksSpec() && meta.getGeneration() != null
          ? Arrays.asList(meta.getGeneration(), meta.getLabels(), meta.getAnnotations(), meta.getOwnerReferences())
          : meta.getResourceVersion();
      return new ChildVersion(child.getClass(), meta.getName(), version);
    }
  }

  private record Applied(PipelineModel model, Set<ChildVersion> children, Integrations integrations) {}

  private static final int PRUNE_AT_LEAST = 64;

  private final ChildApplier applier;
  private final OperatorMetrics metrics;
  private final Map<ResourceID, Applied> applied = new ConcurrentHashMap<>();
  /** Deleted pipelines are forgotten when the memory grows past this, so the sweep costs O(1) per reconcile. */
  private final AtomicInteger pruneAbove = new AtomicInteger(PRUNE_AT_LEAST);

  ChildrenSync(ChildApplier applier, OperatorMetrics metrics) {
    this.applier = applier;
    this.metrics = metrics;
  }

  /** @throws ChildApplier.ChildConflictException when a child's name is taken by an object the pipeline does not own */
  Outcome sync(PipelineModel model, Context<EmbeddingPipeline> context) {
    ResourceID id = new ResourceID(model.name(), model.namespace());
    Applied last = applied.remove(id);
    if (last != null && last.model().equals(model) && last.children().equals(cached(model.servedApis(), context))) {
      applied.put(id, last);
      metrics.childSync(false);
      return new Outcome(byName(context.getSecondaryResourcesAsStream(Deployment.class)), last.integrations());
    }
    metrics.childSync(true);
    Set<ChildVersion> versions = new HashSet<>();
    List<Deployment> deployments = List.of();
    boolean wanted = false;
    List<String> missing = new ArrayList<>();
    for (ChildKind<? extends HasMetadata> kind : PipelineChildren.KINDS) {
      if (kind.api().isPresent()) {
        boolean wantsKind = !kind.desired(model).isEmpty();
        wanted |= wantsKind;
        if (!model.serves(kind.api().get())) {
          if (wantsKind) {
            missing.add(kind.type().getSimpleName() + " needs " + kind.api().get().describe());
          }
          continue;
        }
      }
      List<? extends HasMetadata> live = applier.apply(kind, model, context).live();
      live.forEach(child -> versions.add(ChildVersion.of(child, kind)));
      if (kind.type() == Deployment.class) {
        @SuppressWarnings("unchecked")
        List<Deployment> liveDeployments = (List<Deployment>) live;
        deployments = liveDeployments;
      }
    }
    // only a sync that got through every kind is remembered: after a failure the next one applies again
    Integrations integrations = new Integrations(wanted, missing);
    applied.put(id, new Applied(model, Set.copyOf(versions), integrations));
    forgetDeletedPipelines(context);
    return new Outcome(byName(deployments.stream()), integrations);
  }

  /** The children the informers hold for the pipeline, of every kind the sync applies. */
  private static Set<ChildVersion> cached(Set<ClusterApi> served, Context<EmbeddingPipeline> context) {
    Set<ChildVersion> versions = new HashSet<>();
    for (ChildKind<? extends HasMetadata> kind : PipelineChildren.KINDS) {
      if (kind.api().isEmpty() || served.contains(kind.api().get())) {
        context.getSecondaryResourcesAsStream(kind.type()).forEach(child -> versions.add(ChildVersion.of(child, kind)));
      }
    }
    return versions;
  }

  private void forgetDeletedPipelines(Context<EmbeddingPipeline> context) {
    int limit = pruneAbove.get();
    if (applied.size() > limit && pruneAbove.compareAndSet(limit, Integer.MAX_VALUE)) {
      applied.keySet().removeIf(id -> context.getPrimaryCache().get(id).isEmpty());
      pruneAbove.set(Math.max(PRUNE_AT_LEAST, 2 * applied.size()));
    }
  }

  /**
   * Deployments by name. Streams, not JOSDK's {@code getSecondaryResources}: that collects into a
   * Set, hashing every field of every child on each reconcile.
   */
  static Map<String, Deployment> byName(Stream<Deployment> deployments) {
    Map<String, Deployment> result = new HashMap<>();
    deployments.forEach(d -> result.putIfAbsent(d.getMetadata().getName(), d));
    return result;
  }
}
