package dev.maverick.policy;

import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.RolloutPolicyStatus;
import dev.maverick.events.EventRecorder;
import dev.maverick.rollout.PolicyValidator;
import dev.maverick.status.Conditions;
import dev.maverick.status.Health;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Validates a RolloutPolicy and reports it Ready or Stalled; pipelines do the evaluating. */
@ControllerConfiguration(name = RolloutPolicyReconciler.NAME)
public class RolloutPolicyReconciler implements Reconciler<RolloutPolicy> {
  public static final String NAME = "rolloutpolicy";
  private static final Logger LOG = LoggerFactory.getLogger(RolloutPolicyReconciler.class);

  private final EventRecorder events;
  private final Clock clock;

  public RolloutPolicyReconciler(EventRecorder events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Override
  public UpdateControl<RolloutPolicy> reconcile(RolloutPolicy policy, Context<RolloutPolicy> context) {
    var previous = Optional.ofNullable(policy.getStatus()).orElse(RolloutPolicyStatus.initial());
    long generation = Optional.ofNullable(policy.getMetadata().getGeneration()).orElse(0L);
    List<String> problems = policy.getSpec() == null ? List.of("spec: is required")
        : PolicyValidator.validate(policy.getSpec());
    Health health = problems.isEmpty() ? Health.ready("Valid", "the policy is valid")
        : Health.stalled("InvalidSpec", String.join("; ", problems));
    var conditions = health.applyTo(new Conditions(previous.conditions(), generation, clock.instant()));
    var status = new RolloutPolicyStatus(generation, conditions.build());
    if (!Objects.equals(status, policy.getStatus())) {
      boolean newProblem = !problems.isEmpty() && !Conditions.find(previous.conditions(), Conditions.STALLED)
          .map(c -> "True".equals(c.getStatus()) && c.getMessage().equals(String.join("; ", problems))).orElse(false);
      var cloner = context.getControllerConfiguration().getConfigurationService().getResourceCloner();
      PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(policy, context, p -> {
        RolloutPolicy copy = cloner.clone(p);
        copy.setStatus(status);
        return copy;
      });
      if (newProblem) {
        LOG.warn("Invalid RolloutPolicy {}/{}: {}", policy.getMetadata().getNamespace(),
            policy.getMetadata().getName(), problems);
        events.warning(policy, "InvalidSpec", String.join("; ", problems));
      }
    }
    return UpdateControl.noUpdate();
  }
}
