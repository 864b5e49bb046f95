package dev.maverick.pipeline;

import dev.maverick.api.EmbeddingPipeline;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Lets a pipeline's update wake its reconcile unless only its status changed. Only the operator
 * writes that status, and each write already comes from a reconcile that schedules the next one, so
 * its echo would run one more reconcile per status write for nothing (two of the four per pipeline
 * while creating). The generation (spec), labels (the shard), annotations (manual controls, which do
 * not bump the generation), finalizers and deletion still wake it.
 */
public final class IgnoreStatusOnlyUpdates implements OnUpdateFilter<EmbeddingPipeline> {
  @Override
  public boolean accept(EmbeddingPipeline updated, EmbeddingPipeline old) {
    ObjectMeta now = updated.getMetadata();
    ObjectMeta before = old.getMetadata();
    return !Objects.equals(now.getGeneration(), before.getGeneration())
        || !Objects.equals(now.getLabels(), before.getLabels())
        || !Objects.equals(now.getAnnotations(), before.getAnnotations())
        || !Objects.equals(now.getFinalizers(), before.getFinalizers())
        || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp());
  }
}
