package dev.maverick.pipeline;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.flags.FlagsConfigMap;
import dev.maverick.rollout.EffectiveRollout;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Everything a pipeline's children are computed from: the pipeline and the effective rollout
 * state. Built once per reconcile; the children's desired state is a pure function of it.
 */
public record PipelineModel(
    String namespace,
    String name,
    EmbeddingPipelineSpec spec,
    EffectiveRollout effective,
    SortedMap<String, String> flagsData,
    String flagsHash,
    Optional<OwnerReference> owner) {

  public static PipelineModel of(EmbeddingPipeline pipeline, EffectiveRollout effective) {
    var meta = pipeline.getMetadata();
    SortedMap<String, String> data = flagsData(pipeline, effective);
    Optional<OwnerReference> owner = Optional.ofNullable(meta.getUid()).map(uid -> new OwnerReferenceBuilder()
        .withApiVersion(pipeline.getApiVersion())
        .withKind(pipeline.getKind())
        .withName(meta.getName())
        .withUid(uid)
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build());
    return new PipelineModel(meta.getNamespace(), meta.getName(), pipeline.getSpec(), effective, data,
        FlagsConfigMap.flagsHash(data), owner);
  }

  /** The hash of the flags the children carry; also each revision's {@code flagsHash}. */
  public static String flagsHash(EmbeddingPipeline pipeline, EffectiveRollout effective) {
    return FlagsConfigMap.flagsHash(flagsData(pipeline, effective));
  }

  private static SortedMap<String, String> flagsData(EmbeddingPipeline pipeline, EffectiveRollout effective) {
    var meta = pipeline.getMetadata();
    return FlagsConfigMap.data(meta.getNamespace(), meta.getName(), pipeline.getSpec(), effective);
  }

  public boolean autoscaled(Component component) {
    if (component == Component.WORKER && effective.workerReplicasOverride().isPresent()) {
      return false;
    }
    return component.spec(spec).autoscaling().isEnabled();
  }

  public String image(Component component) {
    return component == Component.APP ? effective.appImage() : effective.workerImage();
  }

  /** The replica count the operator owns, or the initial count of an autoscaled Deployment. */
  public int replicas(Component component) {
    if (component == Component.WORKER && effective.workerReplicasOverride().isPresent()) {
      return effective.workerReplicasOverride().get();
    }
    return component.spec(spec).replicas().min();
  }

  /** Metadata every child carries: name, namespace, labels and the controller owner reference. */
  public io.fabric8.kubernetes.api.model.ObjectMeta metadata(String childName, Component component) {
    return new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
        .withName(childName)
        .withNamespace(namespace)
        .withLabels(new java.util.TreeMap<>(ChildNames.labels(name, component)))
        .withOwnerReferences(owner.map(List::of).orElse(List.of()))
        .build();
  }

  public Map<String, String> selector(Component component) {
    return new java.util.TreeMap<>(ChildNames.selector(name, component));
  }
}
