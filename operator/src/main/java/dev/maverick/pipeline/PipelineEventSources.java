package dev.maverick.pipeline;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.integrations.ClusterApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What wakes a pipeline's reconcile: its children, its RolloutPolicy, and the optional APIs' children once served. */
final class PipelineEventSources {
  private PipelineEventSources() {}

  /** The children of core kinds and the policies; {@code others} (e.g. an inbound source) are added as they are. */
  static List<EventSource<?, EmbeddingPipeline>> atStartup(EventSourceContext<EmbeddingPipeline> context,
      List<EventSource<?, EmbeddingPipeline>> others) {
    List<EventSource<?, EmbeddingPipeline>> sources = new ArrayList<>();
    for (ChildKind<? extends HasMetadata> kind : PipelineChildren.KINDS) {
      if (kind.api().isEmpty()) {
        sources.add(childInformer(kind.type(), context));
      }
    }
    sources.add(policyInformer(context));
    sources.addAll(others);
    return sources;
  }

  /**
   * Children of another project's API (KEDA, Prometheus Operator, OpenFeature) are watched from the
   * first reconcile that finds the API served: an informer on an API the cluster lacks would fail,
   * and registering at startup only would miss a project installed while the operator runs.
   */
  static synchronized void watchServedApis(Set<ClusterApi> served, Context<EmbeddingPipeline> context) {
    var retriever = context.eventSourceRetriever();
    for (ChildKind<? extends HasMetadata> kind : PipelineChildren.KINDS) {
      if (kind.api().filter(served::contains).isPresent() && retriever.getEventSourcesFor(kind.type()).isEmpty()) {
        retriever.dynamicallyRegisterEventSource(
            childInformer(kind.type(), retriever.eventSourceContextForDynamicRegistration()));
      }
    }
  }

  private static <R extends HasMetadata> InformerEventSource<R, EmbeddingPipeline> childInformer(
      Class<R> type, EventSourceContext<EmbeddingPipeline> context) {
    // a shard's children carry its label (PipelineModel.metadata): select them as the pipelines are selected
    String pipelines = context.getControllerConfiguration().getInformerConfig().getLabelSelector();
    var config = InformerEventSourceConfiguration.from(type, EmbeddingPipeline.class)
        .withName(type.getSimpleName())
        .withLabelSelector(pipelines == null || pipelines.isBlank() ? ChildNames.MANAGED_SELECTOR
            : ChildNames.MANAGED_SELECTOR + "," + pipelines)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(EmbeddingPipeline.class, false))
        .build();
    return new InformerEventSource<>(config, context);
  }

  /** A policy change (or its creation) reconciles every pipeline in its namespace that refers to it. */
  private static InformerEventSource<RolloutPolicy, EmbeddingPipeline> policyInformer(
      EventSourceContext<EmbeddingPipeline> context) {
    PrimaryToSecondaryMapper<EmbeddingPipeline> toPolicy = pipeline -> pipeline.rolloutPolicyName()
        .map(name -> Set.of(new ResourceID(name, pipeline.getMetadata().getNamespace())))
        .orElse(Set.of());
    var config = InformerEventSourceConfiguration.from(RolloutPolicy.class, EmbeddingPipeline.class)
        .withName(RolloutPolicy.class.getSimpleName())
        .withSecondaryToPrimaryMapper(policy -> context.getPrimaryCache()
            .list(policy.getMetadata().getNamespace())
            .filter(pipeline -> pipeline.rolloutPolicyName().filter(policy.getMetadata().getName()::equals).isPresent())
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet()))
        .withPrimaryToSecondaryMapper(toPolicy)
        .build();
    return new InformerEventSource<>(config, context);
  }
}
