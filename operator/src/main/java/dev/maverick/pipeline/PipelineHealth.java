package dev.maverick.pipeline;

import dev.maverick.api.ActionRecord;
import dev.maverick.api.ActiveOverride;
import dev.maverick.api.BlueGreenStatus;
import dev.maverick.api.ReplicaStatus;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.Groups;
import dev.maverick.api.Phase;
import dev.maverick.rollout.RolloutStep;
import dev.maverick.rollout.Transition;
import dev.maverick.status.Conditions;
import dev.maverick.status.Health;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a reconcile that reached the children observes: phase, conditions and replica counts, as a
 * pure function of the rollout step and the live Deployments. API.md "Every tool reports the same
 * health": while an action's override is in force the spec is not what runs, so the pipeline is
 * Stalled (reason RolledBack or ActionInForce) until a retry or a new revision; missing metrics
 * alone (onMetricsUnavailable: Hold) leave it Ready.
 */
public final class PipelineHealth {
  public static final String REASON_ROLLED_BACK = "RolledBack";
  public static final String REASON_ACTION_IN_FORCE = "ActionInForce";
  public static final String REASON_WAITING_FOR_SLOT = "WaitingForRolloutSlot";
  /** A blue-green preview runs and is not yet active: converging, so Reconciling=True and Ready=False. */
  public static final String REASON_PREVIEW = "PreviewPending";

  private PipelineHealth() {}

  /**
   * The step's status with what this reconcile observed.
   *
   * @param watchesMetrics whether the policy has triggers (only then is MetricsAvailable shown)
   * @param previous the conditions stored so far, for their transition times
   * @param integrations the optional APIs' children the spec asks for, and which could not be created
   */
  public static EmbeddingPipelineStatus observed(RolloutStep step, boolean watchesMetrics, long generation,
      Instant now, List<Condition> previous, Deployment app, Deployment worker, Integrations integrations) {
    boolean rolledOut = Rollouts.complete(app) && Rollouts.complete(worker);
    String readiness = Rollouts.describe("app", app) + ", " + Rollouts.describe("worker", worker);
    Phase phase = switch (step.phaseHint()) {
      case RolledBack, Degraded, Queued -> step.phaseHint();
      default -> rolledOut ? step.phaseHint()
          : Rollouts.reported(app) || Rollouts.reported(worker) ? Phase.Progressing : Phase.Pending;
    };
    Conditions conditions = step.queuedBecause()
        .map(waiting -> queued(waiting, readiness, new Conditions(previous, generation, now)))
        .orElseGet(() -> health(step.status(), phase, rolledOut, readiness)
            .applyTo(new Conditions(previous, generation, now)));
    if (watchesMetrics) {
      conditions.set(Conditions.METRICS_AVAILABLE, step.metricsAvailable(),
          step.metricsAvailable() ? "MetricsReadable" : "MetricsUnavailable",
          step.metricsAvailable() ? "trigger metrics are readable"
              : "trigger metrics unreadable since " + step.status().memory().metricsUnavailableSince()
                  + " (see status.triggers[].error); no action is taken on missing data");
    }
    BlueGreenStatus colors = step.status().blueGreen();
    if (colors != null && colors.hasPreview() && step.queuedBecause().isEmpty()
        && Optional.ofNullable(step.status().memory().overrides()).orElse(List.of()).isEmpty()) {
      Health.inProgress(REASON_PREVIEW, "preview " + colors.previewColor() + " runs " + colors.previewRevision()
          + ", not yet active: waiting for it to roll out, its prePromotionGates (status.blueGreen.gates), a promote"
          + " annotation (autoPromote: false), the end of a pause or freeze; " + readiness).applyTo(conditions);
    }
    integrations.problem().ifPresentOrElse(
        missing -> conditions.set(Conditions.INTEGRATIONS_AVAILABLE, false, Integrations.NOT_SERVED, missing),
        () -> {
          if (integrations.wanted()) {
            conditions.set(Conditions.INTEGRATIONS_AVAILABLE, true, "AllServed",
                "every API the requested integrations need is served");
          }
        });
    ReplicaStatus appReplicas = Rollouts.replicas(app);
    if (appReplicas != null && colors != null) {
      // the printer column App shows the active colour, e.g. "3/3 blue"
      appReplicas = new ReplicaStatus(appReplicas.replicas(), appReplicas.readyReplicas(),
          appReplicas.summary() + " " + colors.activeColor());
    }
    return step.status().withObservation(generation, conditions.build(), phase, appReplicas,
        Rollouts.replicas(worker));
  }

  /**
   * A reconcile that stops before the rollout step (invalid spec, missing policy or API, a child
   * conflict): the stored status with this health and phase; the rollout's memory is kept whole.
   */
  public static EmbeddingPipelineStatus blocked(EmbeddingPipelineStatus previous, long generation, Instant now,
      Health health, Phase phase) {
    var conditions = health.applyTo(new Conditions(previous.conditions(), generation, now)).build();
    return previous.withObservation(generation, conditions, phase, previous.app(), previous.worker());
  }

  /**
   * A failure JOSDK will retry (API server error, conflict, timeout): shown as in progress on the
   * generation last observed; the rollout's memory is left as it was, so nothing is decided twice.
   */
  public static EmbeddingPipelineStatus retrying(EmbeddingPipelineStatus previous, Instant now, String cause) {
    String message = "reconcile failed, retrying: " + (cause.length() > 512 ? cause.substring(0, 509) + "..." : cause);
    var conditions = Health.inProgress("ReconcileError", message)
        .applyTo(new Conditions(previous.conditions(),
            Optional.ofNullable(previous.observedGeneration()).orElse(-1L), now))
        .keep(Conditions.METRICS_AVAILABLE)
        .build();
    return previous.withObservation(previous.observedGeneration(), conditions, previous.phase(), previous.app(),
        previous.worker());
  }

  /**
   * Waiting for a maxConcurrentRollouts slot: in progress (kstatus InProgress, Argo CD Progressing);
   * only Reconciling carries the reason Queued, so tools that look for it find one condition.
   */
  private static Conditions queued(String waiting, String readiness, Conditions conditions) {
    return Health.inProgress(Transition.QUEUED, waiting).applyTo(conditions)
        .set(Conditions.READY, false, REASON_WAITING_FOR_SLOT, waiting + "; " + readiness)
        .set(Conditions.STALLED, false, REASON_WAITING_FOR_SLOT, waiting);
  }

  /** Stalled while an override holds; otherwise Ready once both Deployments are rolled out. */
  static Health health(EmbeddingPipelineStatus rollout, Phase phase, boolean rolledOut, String readiness) {
    List<ActiveOverride> overrides = Optional.ofNullable(rollout.memory().overrides()).orElse(List.of());
    if (!overrides.isEmpty()) {
      List<ActionRecord> actions = Optional.ofNullable(rollout.actions()).orElse(List.of());
      String inForce = overrides.stream().map(o -> describe(o, actions)).collect(Collectors.joining("; "));
      return Health.stalled(phase == Phase.RolledBack ? REASON_ROLLED_BACK : REASON_ACTION_IN_FORCE,
          inForce + " (set the " + Groups.ANNOTATION_RETRY + " annotation or change the spec to resume)");
    }
    return rolledOut ? Health.ready("RolledOut", readiness) : Health.inProgress("RollingOut", readiness);
  }

  /** "FullRollback by systemErrorRate: rolled back to ...", from the action's record when it is still kept. */
  private static String describe(ActiveOverride override, List<ActionRecord> actions) {
    String taken = override.action().type() + " by " + override.trigger();
    return actions.stream()
        .filter(a -> a.type() == override.action().type() && override.trigger().equals(a.trigger())
            && override.at().equals(a.at()))
        .reduce((first, second) -> second)
        .map(a -> taken + ": " + a.detail())
        .orElse(taken);
  }
}
