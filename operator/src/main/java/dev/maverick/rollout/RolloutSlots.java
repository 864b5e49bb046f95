package dev.maverick.rollout;

import dev.maverick.api.ActionType;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.Phase;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.RolloutSlot;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A policy's {@code maxConcurrentRollouts}, seen from one pipeline: how many of the policy's other
 * pipelines hold a slot, and how many wait ahead of it. Derived from the other pipelines' status
 * ({@code status.rolloutSlot}), never from memory, so it survives operator restarts.
 *
 * <p>A pipeline holds a slot from admission until its stages are Complete or a rollback (FullRollback,
 * RevertImages, rollback-to, abort) holds; a pause keeps it. Waiting pipelines are admitted in creation
 * order (creationTimestamp, then name): one is admitted when the slots in use plus the waiting pipelines
 * ahead of it are fewer than the limit, so two pipelines deciding at once never both take the last slot.
 * Queued pipelines are re-checked every interval.
 *
 * @param limit the policy's maxConcurrentRollouts; null: no limit
 * @param inUse slots held by the policy's other pipelines
 * @param waitingAhead the policy's other pipelines that wait for a slot and were created earlier
 */
public record RolloutSlots(Integer limit, String policy, int inUse, int waitingAhead) {
  private static final RolloutSlots UNLIMITED = new RolloutSlots(null, null, 0, 0);

  public static RolloutSlots unlimited() {
    return UNLIMITED;
  }

  /**
   * @param samePolicy the pipelines that refer to {@code policy} (the pipeline itself may be among them),
   *     read only when the policy limits concurrent rollouts: listing them on every reconcile of every
   *     pipeline would cost O(pipelines) each
   */
  public static RolloutSlots of(EmbeddingPipeline pipeline, Supplier<Stream<EmbeddingPipeline>> samePolicy,
      RolloutPolicy policy) {
    if (policy == null || policy.getSpec() == null || policy.getSpec().maxConcurrentRollouts() == null) {
      return UNLIMITED;
    }
    int[] counts = new int[2];
    samePolicy.get().filter(other -> !Objects.equals(other.getMetadata().getUid(), pipeline.getMetadata().getUid())
            || !Objects.equals(other.getMetadata().getName(), pipeline.getMetadata().getName()))
        .forEach(other -> {
          if (holds(other)) {
            counts[0]++;
          } else if (waits(other) && CREATION_ORDER.compare(other, pipeline) < 0) {
            counts[1]++;
          }
        });
    return new RolloutSlots(policy.getSpec().maxConcurrentRollouts(), policy.getMetadata().getName(), counts[0],
        counts[1]);
  }

  private static final Comparator<EmbeddingPipeline> CREATION_ORDER = Comparator
      .comparing((EmbeddingPipeline p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
      .thenComparing(p -> p.getMetadata().getName());

  private static boolean holds(EmbeddingPipeline other) {
    EmbeddingPipelineStatus status = other.getStatus();
    return status != null && status.memory().rolloutSlot() == RolloutSlot.Held && inRollout(status);
  }

  /** Waiting or about to: never rolled out yet, or queued mid-rollout; not paused, not invalid. */
  private static boolean waits(EmbeddingPipeline other) {
    EmbeddingPipelineStatus status = other.getStatus();
    if (other.getSpec() != null && other.getSpec().isPaused()) {
      return false;
    }
    return status == null || status.stage() == null ? status == null || status.phase() != Phase.Invalid
        : status.phase() != Phase.Invalid && inRollout(status);
  }

  private static boolean inRollout(EmbeddingPipelineStatus status) {
    return status.stage() != null && !RolloutEngine.COMPLETE.equals(status.stage().name())
        && (status.memory().overrides() == null || status.memory().overrides().stream().noneMatch(o ->
            o.action().type() == ActionType.FullRollback || o.action().type() == ActionType.RevertImages));
  }

  /**
   * The pipeline's next place: none without a limit or when it has nothing to roll out; Held once
   * admitted (kept until then); Queued while the slots are taken or it is paused.
   */
  RolloutSlot next(RolloutSlot current, boolean wantsToAdvance, boolean paused) {
    if (limit == null || !wantsToAdvance) {
      return null;
    }
    if (current == RolloutSlot.Held) {
      return RolloutSlot.Held;
    }
    return !paused && inUse + waitingAhead < limit ? RolloutSlot.Held : RolloutSlot.Queued;
  }

  /** The condition message of a queued pipeline. */
  String waitingMessage() {
    return "waiting for a rollout slot: " + Math.min(inUse, limit) + " of " + limit + " in use by policy " + policy
        + (waitingAhead > 0 ? ", " + waitingAhead + " pipeline(s) ahead in line" : "");
  }
}
