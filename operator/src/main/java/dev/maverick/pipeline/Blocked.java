package dev.maverick.pipeline;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.Phase;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.StoredObject;
import dev.maverick.integrations.ApiDiscovery;
import dev.maverick.integrations.ClusterApi;
import dev.maverick.policy.PolicyValidator;
import dev.maverick.status.Health;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a pipeline is neither evaluated nor applied this reconcile, as its health shows it: the
 * validate step. Each is announced once, with a Warning Event named after {@link Health#reason()}.
 *
 * @param recheck when to look again without an event (a missing API is not announced by a watch)
 */
record Blocked(Health health, Phase phase, Optional<Duration> recheck) {
  static final String CHILD_CONFLICT = "ChildConflict";
  static final String POLICY_NOT_FOUND = "RolloutPolicyNotFound";
  static final String KEDA_NOT_INSTALLED = "KedaNotInstalled";

  /** The first reason the pipeline cannot go on, in the order a person would fix them. */
  static Optional<Blocked> check(EmbeddingPipeline pipeline, Optional<RolloutPolicy> policy, Set<ClusterApi> served,
      Validation validation) {
    List<String> problems = new ArrayList<>(validation.pipeline(pipeline));
    if (problems.isEmpty() && policy.isPresent()) {
      problems.addAll(policyProblems(policy.get(), pipeline, validation));
    }
    if (!problems.isEmpty()) {
      String reason = pipeline.unreadable().isPresent() ? StoredObject.UNREADABLE : "InvalidSpec";
      return Optional.of(new Blocked(Health.stalled(reason, String.join("; ", problems)), Phase.Invalid,
          Optional.empty()));
    }
    if (pipeline.rolloutPolicyName().isPresent() && policy.isEmpty()) {
      String message = "RolloutPolicy '" + pipeline.rolloutPolicyName().get() + "' not found in namespace '"
          + pipeline.getMetadata().getNamespace() + "'; the pipeline is reconciled as soon as it exists";
      return Optional.of(new Blocked(Health.inProgress(POLICY_NOT_FOUND, message), Phase.Pending, Optional.empty()));
    }
    if (pipeline.getSpec().worker().autoscaling().usesKeda() && !served.contains(ClusterApi.KEDA)) {
      String message = "spec.worker.autoscaling.engine: KEDA, but this cluster does not serve "
          + ClusterApi.KEDA.describe() + "; install KEDA or use engine HPA (checked again every "
          + ApiDiscovery.RECHECK.toSeconds() + "s)";
      return Optional.of(new Blocked(Health.stalled(KEDA_NOT_INSTALLED, message), Phase.Degraded,
          Optional.of(ApiDiscovery.RECHECK)));
    }
    return Optional.empty();
  }

  /** A child's name is taken by an object this pipeline does not own: a person must rename or delete it. */
  static Blocked conflict(ChildApplier.ChildConflictException conflict) {
    return new Blocked(Health.stalled(CHILD_CONFLICT, conflict.getMessage()), Phase.Degraded, Optional.empty());
  }

  /**
   * A policy that is invalid itself, or names flags the pipeline lacks, stalls the pipeline: an
   * invalid policy is never evaluated (its durations would not parse, its queries could misread names).
   */
  private static List<String> policyProblems(RolloutPolicy policy, EmbeddingPipeline pipeline,
      Validation validation) {
    List<String> own = validation.policy(policy);
    if (!own.isEmpty()) {
      String prefix = "rolloutPolicyRef: RolloutPolicy '" + policy.getMetadata().getName() + "' is invalid: ";
      return own.stream().map(p -> prefix + p).toList();
    }
    return PolicyValidator.validateAgainst(policy.getSpec(), pipeline.getSpec());
  }
}
