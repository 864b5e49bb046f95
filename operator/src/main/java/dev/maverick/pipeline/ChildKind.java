package dev.maverick.pipeline;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * One kind of child object. {@link #desired} is a pure function of the model; {@link #preserve}
 * carries over, on update, what other actors own in the live object (e.g. replicas an HPA set).
 */
public interface ChildKind<R extends HasMetadata> {

  Class<R> type();

  /** The objects of this kind the pipeline should have (none, one per component, or one). */
  List<R> desired(PipelineModel model);

  /**
   * Top-level fields that must equal the desired ones exactly rather than merely contain them
   * (e.g. a ConfigMap's data, where an added key is a change to undo).
   */
  default List<String> exactFields() {
    return List.of();
  }

  /** Called on update with the live object and the object about to replace it; mutates {@code replacement}. */
  default void preserve(PipelineModel model, R live, R replacement) {}
}
