package dev.maverick.policy;

import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.RolloutPolicyStatus;
import dev.maverick.api.StoredObject;
import dev.maverick.egress.UrlAllowList;
import dev.maverick.events.EventRecorder;
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
  private final UrlAllowList prometheusUrls;
  /** Policies (uid and generation) already warned about insecureSkipVerify: once each, not every reconcile. */
  private final java.util.Set<String> warnedInsecure = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public RolloutPolicyReconciler(EventRecorder events, Clock clock, UrlAllowList prometheusUrls) {
    this.events = events;
    this.clock = clock;
    this.prometheusUrls = prometheusUrls;
  }

  @Override
  public UpdateControl<RolloutPolicy> reconcile(RolloutPolicy policy, Context<RolloutPolicy> context) {
    var previous = Optional.ofNullable(policy.getStatus()).orElse(RolloutPolicyStatus.initial());
    long generation = Optional.ofNullable(policy.getMetadata().getGeneration()).orElse(0L);
    List<String> problems = PolicyValidator.validate(policy, prometheusUrls);
    String reason = policy.unreadable().isPresent() ? StoredObject.UNREADABLE : "InvalidSpec";
    Health health = problems.isEmpty() ? Health.ready("Valid", "the policy is valid")
        : Health.stalled(reason, String.join("; ", problems));
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
        events.warning(policy, reason, String.join("; ", problems));
      }
    }
    warnIfInsecure(policy, generation);
    return UpdateControl.noUpdate();
  }

  private void warnIfInsecure(RolloutPolicy policy, long generation) {
    var spec = policy.getSpec();
    if (spec != null && spec.prometheus() != null && spec.prometheus().tls() != null
        && spec.prometheus().tls().skipsVerification()
        && warnedInsecure.add(policy.getMetadata().getUid() + "/" + generation)) {
      events.warning(policy, "InsecureSkipVerify", "spec.prometheus.tls.insecureSkipVerify is true: Prometheus'"
          + " certificate is not verified, so anyone on the network path can answer the trigger queries");
    }
  }
}
