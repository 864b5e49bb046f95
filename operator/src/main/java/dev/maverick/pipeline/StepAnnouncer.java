package dev.maverick.pipeline;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.Notification;
import dev.maverick.api.PendingAnnouncement;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.TriggerMode;
import dev.maverick.api.TriggerStatus;
import dev.maverick.events.EventRecorder;
import dev.maverick.metrics.OperatorMetrics;
import dev.maverick.notifications.AnnouncementOutbox;
import dev.maverick.notifications.WebhookNotifier;
import dev.maverick.rollout.AppliedAction;
import dev.maverick.rollout.RolloutStep;
import dev.maverick.rollout.Transition;
import dev.maverick.rollout.WouldAct;
import dev.maverick.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the world what a reconcile did, always after its status is stored: Events and logs,
 * metrics, and webhook announcements (stored with the status first, so a crash does not lose them).
 */
final class StepAnnouncer {
  private static final Logger LOG = LoggerFactory.getLogger(StepAnnouncer.class);

  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final AnnouncementOutbox outbox;
  /** Tells the pipeline's reconciler that a webhook announcement was delivered, so it is dropped from status. */
  private final SimpleInboundEventSource<EmbeddingPipeline> delivered =
      new SimpleInboundEventSource<>("AnnouncementDelivered");

  StepAnnouncer(EventRecorder events, OperatorMetrics metrics, WebhookNotifier notifier) {
    this.events = events;
    this.metrics = metrics;
    this.outbox = new AnnouncementOutbox(notifier);
  }

  /** An evaluation's trigger values and breaching states, on /metrics; {@code triggers} may be null. */
  void readings(String namespace, String name, List<TriggerStatus> triggers) {
    if (triggers != null) {
      triggers.forEach(t -> metrics.trigger(namespace, name, t.name(), t.value(), Boolean.TRUE.equals(t.breaching()),
          t.mode() == TriggerMode.Observe));
    }
  }

  /** The event source that wakes a pipeline once one of its webhook announcements was delivered. */
  EventSource<?, EmbeddingPipeline> deliveries() {
    return delivered;
  }

  /**
   * The webhook announcements to store with the step's status: those not yet delivered, then the
   * step's own. Their delivery ids are unique per pipeline, time, kind and trigger, and the same in
   * every operator instance.
   */
  List<PendingAnnouncement> toStore(EmbeddingPipeline pipeline, RolloutPolicy policy, RolloutStep step) {
    String prefix = "maverick-operator: EmbeddingPipeline " + pipeline.getMetadata().getNamespace() + "/"
        + pipeline.getMetadata().getName() + ": ";
    String uid = pipeline.getMetadata().getUid();
    List<PendingAnnouncement> added = new ArrayList<>();
    for (AppliedAction action : step.actions()) {
      added.add(new PendingAnnouncement(uid + "-" + action.appliedAt().getEpochSecond() + "-action-"
          + action.trigger(), prefix + message(action), null, action.appliedAt().toString()));
    }
    for (WouldAct wouldAct : step.wouldAct()) {
      added.add(new PendingAnnouncement(uid + "-" + wouldAct.windowCompletedAt().getEpochSecond()
          + "-observe-" + wouldAct.trigger(), prefix + message(wouldAct), true, wouldAct.windowCompletedAt().toString()));
    }
    return outbox.toStore(uid, notifications(policy), pipeline.getStatus() == null ? null
        : pipeline.getStatus().memory().pendingAnnouncements(), added);
  }

  /**
   * Events and metrics for what the step did, the integrations' news, then the stored webhook
   * announcements ({@code pending}) sent.
   *
   * @param previous the conditions before this reconcile, to announce a change only once
   */
  void announce(EmbeddingPipeline pipeline, RolloutPolicy policy, RolloutStep step, List<PendingAnnouncement> pending,
      List<Condition> previous, Integrations integrations) {
    String namespace = pipeline.getMetadata().getNamespace();
    String name = pipeline.getMetadata().getName();
    for (AppliedAction action : step.actions()) {
      String message = message(action);
      LOG.warn("Action taken: {}", message);
      events.warning(pipeline, action.reason(), message);
      metrics.actionTaken(namespace, name, action.trigger(), action.type().name());
      metrics.actionDelay(namespace, name, action.trigger(), action.delay());
    }
    for (Transition transition : step.transitions()) {
      LOG.info("{}: {}", transition.reason(), transition.message());
      events.normal(pipeline, transition.reason(), transition.message());
    }
    for (Transition warning : step.warnings()) {
      LOG.warn("{}: {}", warning.reason(), warning.message());
      events.warning(pipeline, warning.reason(), warning.message());
    }
    for (WouldAct wouldAct : step.wouldAct()) {
      String message = message(wouldAct);
      LOG.info("{}: {}", WouldAct.REASON, message);
      events.normal(pipeline, WouldAct.REASON, message);
      metrics.wouldAct(namespace, name, wouldAct.trigger());
    }
    var status = step.status();
    readings(namespace, name, status.triggers());
    if (status.stage() != null && status.stage().index() != null) {
      metrics.stage(namespace, name, status.stage().index());
    }
    if (policy != null && !policy.getSpec().triggers().isEmpty()) {
      metrics.metricsAvailable(namespace, name, step.metricsAvailable());
    }
    integrations.problem()
        .filter(message -> isNews(previous, Conditions.INTEGRATIONS_AVAILABLE, Integrations.NOT_SERVED, message))
        .ifPresent(message -> warn(pipeline, "IntegrationsUnavailable", message));
    if (!pending.isEmpty()) {
      ResourceID id = ResourceID.fromResource(pipeline);
      outbox.sendStored(pipeline.getMetadata().getUid(), namespace, notifications(policy), pending,
          () -> delivered.propagateEvent(id));
    }
  }

  /** A Warning Event when the pipeline newly stops for {@code blocked}, or for a new reason or message. */
  void blocked(EmbeddingPipeline pipeline, List<Condition> previous, Blocked blocked) {
    if (isNews(previous, Conditions.READY, blocked.health().reason(), blocked.health().message())) {
      warn(pipeline, blocked.health().reason(), blocked.health().message());
    }
  }

  private void warn(EmbeddingPipeline pipeline, String reason, String message) {
    LOG.warn("{}: {}", reason, message);
    events.warning(pipeline, reason, message);
  }

  private static boolean isNews(List<Condition> previous, String type, String reason, String message) {
    return !Conditions.find(previous, type)
        .map(c -> reason.equals(c.getReason()) && message.equals(c.getMessage())).orElse(false);
  }

  private static List<Notification> notifications(RolloutPolicy policy) {
    return policy == null ? List.of() : policy.getSpec().notifications();
  }

  private static String message(AppliedAction action) {
    return action.type() + " by " + action.trigger() + ": " + action.detail();
  }

  private static String message(WouldAct wouldAct) {
    return "observe-only trigger " + wouldAct.trigger() + " would have acted: " + wouldAct.actions();
  }
}
