package dev.maverick.pipeline;

import dev.maverick.integrations.ClusterApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/**
 * One kind of child object. {@link #desired} is a pure function of the model; {@link #preserve}
 * carries over, on update, what other actors own in the live object (e.g. replicas an HPA set).
 */
public interface ChildKind<R extends HasMetadata> {

  Class<R> type();

  /**
   * The API of another project this kind belongs to, if any: the operator watches and writes such
   * children only while the cluster serves that API.
   */
  default Optional<ClusterApi> api() {
    return Optional.empty();
  }

  /** The objects of this kind the pipeline should have (none, one per component, or one). */
  List<R> desired(PipelineModel model);

  /**
   * Top-level fields that must equal the desired ones exactly rather than merely contain them
   * (e.g. a ConfigMap's data, where an added key is a change to undo).
   */
  default List<String> exactFields() {
    return List.of();
  }

  /**
   * Whether the API server bumps {@code metadata.generation} on every change of this kind's spec,
   * so that a controller writing only its status (the kubelet's rollout, the HPA's metrics) does
   * not count as a change of the child; otherwise any new resourceVersion does.
   */
  default boolean generationTracksSpec() {
    return false;
  }

  /** Called on update with the live object and the object about to replace it; mutates {@code replacement}. */
  default void preserve(PipelineModel model, R live, R replacement) {}
}
