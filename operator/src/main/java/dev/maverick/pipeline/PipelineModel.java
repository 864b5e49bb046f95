package dev.maverick.pipeline;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.AutoscalingEngine;
import dev.maverick.api.BlueGreenStatus;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.Groups;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.flags.FlagsConfigMap;
import dev.maverick.integrations.ApiDiscovery;
import dev.maverick.integrations.ClusterApi;
import dev.maverick.rollout.EffectiveRollout;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * Everything a pipeline's children are computed from: the pipeline, the effective rollout
 * state, its rollout policy (if any) and the optional APIs the cluster serves. Built once per reconcile; the children's desired state is a pure function of it.
 */
public record PipelineModel(
    String namespace,
    String name,
    EmbeddingPipelineSpec spec,
    EffectiveRollout effective,
    SortedMap<String, String> flagsData,
    String flagsHash,
    Optional<OwnerReference> owner,
    Optional<RolloutPolicySpec> policy,
    Set<ClusterApi> servedApis,
    BlueGreenStatus blueGreen,
    Optional<String> shard) {

  /** As the operator sees it on a cluster serving every optional API, without a policy (tests). */
  public static PipelineModel of(EmbeddingPipeline pipeline, EffectiveRollout effective) {
    return of(pipeline, effective, null, ApiDiscovery.all());
  }

  /** {@code policy} may be null (no rolloutPolicyRef); {@code servedApis} from {@link ApiDiscovery}. */
  public static PipelineModel of(EmbeddingPipeline pipeline, EffectiveRollout effective, RolloutPolicySpec policy,
      Set<ClusterApi> servedApis) {
    return of(pipeline, effective, Flags.of(pipeline, effective), policy, servedApis);
  }

  /** As above, with the flags of {@code effective} already rendered (see {@link FlagsCache}). */
  static PipelineModel of(EmbeddingPipeline pipeline, EffectiveRollout effective, Flags flags,
      RolloutPolicySpec policy, Set<ClusterApi> servedApis) {
    var meta = pipeline.getMetadata();
    Optional<OwnerReference> owner = Optional.ofNullable(meta.getUid()).map(uid -> new OwnerReferenceBuilder()
        .withApiVersion(pipeline.getApiVersion())
        .withKind(pipeline.getKind())
        .withName(meta.getName())
        .withUid(uid)
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build());
    return new PipelineModel(meta.getNamespace(), meta.getName(), pipeline.getSpec(), effective, flags.data(),
        flags.hash(), owner, Optional.ofNullable(policy), Set.copyOf(servedApis), null,
        Optional.ofNullable(meta.getLabels()).map(labels -> labels.get(Groups.SHARD_LABEL)));
  }

  /**
   * This model with the blue-green state of the rollout step ({@code status.blueGreen}); without
   * one, a BlueGreen app renders as a new one would start: blue active with the image in force.
   */
  public PipelineModel withBlueGreen(BlueGreenStatus state) {
    return new PipelineModel(namespace, name, spec, effective, flagsData, flagsHash, owner, policy, servedApis, state,
        shard);
  }

  /** The blue-green state the app's children follow; empty for a RollingUpdate app that left none. */
  public Optional<BlueGreenStatus> colors() {
    if (blueGreen != null) {
      return Optional.of(blueGreen);
    }
    return spec.app().isBlueGreen()
        ? Optional.of(new BlueGreenStatus(BlueGreenStatus.BLUE, null, null, null, effective.appImage(), null, null,
            null, null, null, null, null, null, null))
        : Optional.empty();
  }

  /** The app Deployment the Service {@code <name>-app} and the app HPA point at. */
  public String servingApp() {
    return ChildNames.servingApp(name, spec.app(), colors().orElse(null));
  }

  /** The colour the Service {@code <name>-app} selects; empty while it selects every app pod (RollingUpdate, a strategy change). */
  public Optional<String> servedColor() {
    return colors().filter(state -> spec.app().isBlueGreen() && !state.keepsRollingUpdateDeployment()).map(BlueGreenStatus::activeColor);
  }

  /** The hash of the flags the children carry; also each revision's {@code flagsHash}. */
  public static String flagsHash(EmbeddingPipeline pipeline, EffectiveRollout effective) {
    return Flags.of(pipeline, effective).hash();
  }

  /** The flags ConfigMap's data of a pipeline in an effective state, and its hash ({@link FlagsConfigMap}). */
  record Flags(SortedMap<String, String> data, String hash) {
    static Flags of(EmbeddingPipeline pipeline, EffectiveRollout effective) {
      var meta = pipeline.getMetadata();
      SortedMap<String, String> data = FlagsConfigMap.data(meta.getNamespace(), meta.getName(), pipeline.getSpec(),
          effective);
      return new Flags(data, FlagsConfigMap.flagsHash(data));
    }
  }

  /** Whether an autoscaler, not the operator, owns the component's replica count. */
  public boolean autoscaled(Component component) {
    if (component == Component.WORKER && effective.workerReplicasOverride().isPresent() && !kedaScaled()) {
      return false;
    }
    return component.spec(spec).autoscaling().isEnabled();
  }

  /** Whether the component has an HPA: autoscaled by the HPA engine (the worker's not while ScaleWorkers holds). */
  public boolean hpa(Component component) {
    return autoscaled(component) && component.spec(spec).autoscaling().engine() == AutoscalingEngine.HPA;
  }

  /**
   * Whether the worker has a KEDA ScaledObject. It stays while ScaleWorkers holds, paused at the
   * override's count, so that KEDA keeps owning the replicas.
   */
  public boolean kedaScaled() {
    return spec.worker().autoscaling().usesKeda();
  }

  public boolean serves(ClusterApi api) {
    return servedApis.contains(api);
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

  /**
   * Metadata every child carries: name, namespace, labels (with the pipeline's shard label, so that
   * a shard's operator watches its own children only) and the controller owner reference.
   */
  public io.fabric8.kubernetes.api.model.ObjectMeta metadata(String childName, Component component) {
    var labels = new java.util.TreeMap<>(ChildNames.labels(name, component));
    shard.ifPresent(value -> labels.put(Groups.SHARD_LABEL, value));
    return new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
        .withName(childName)
        .withNamespace(namespace)
        .withLabels(labels)
        .withOwnerReferences(owner.map(List::of).orElse(List.of()))
        .build();
  }

  public Map<String, String> selector(Component component) {
    return new java.util.TreeMap<>(ChildNames.selector(name, component));
  }
}
