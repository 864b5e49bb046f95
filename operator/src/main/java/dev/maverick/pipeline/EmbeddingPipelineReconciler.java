package dev.maverick.pipeline;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.GateStatus;
import dev.maverick.api.Notification;
import dev.maverick.api.PendingAnnouncement;
import dev.maverick.api.Phase;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.StageStatus;
import dev.maverick.api.StoredObject;
import dev.maverick.api.TriggerMode;
import dev.maverick.api.TriggerStatus;
import dev.maverick.egress.UrlAllowList;
import dev.maverick.events.EventRecorder;
import dev.maverick.integrations.ApiDiscovery;
import dev.maverick.integrations.ClusterApi;
import dev.maverick.metrics.OperatorMetrics;
import dev.maverick.notifications.AnnouncementOutbox;
import dev.maverick.notifications.WebhookNotifier;
import dev.maverick.rollout.AppliedAction;
import dev.maverick.rollout.DueQueries;
import dev.maverick.rollout.MetricReadings;
import dev.maverick.policy.PolicyValidator;
import dev.maverick.rollout.Readings;
import dev.maverick.rollout.RolloutEngine;
import dev.maverick.rollout.RolloutSlots;
import dev.maverick.rollout.RolloutStep;
import dev.maverick.rollout.Transition;
import dev.maverick.rollout.WouldAct;
import dev.maverick.status.Conditions;
import dev.maverick.status.Health;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Keeps a pipeline's children in their desired shape and reports what it sees. Annotation changes
 * (manual controls) do not bump the generation, so every event on the pipeline is processed.
 */
@ControllerConfiguration(name = EmbeddingPipelineReconciler.NAME, generationAwareEventProcessing = false)
public class EmbeddingPipelineReconciler implements Reconciler<EmbeddingPipeline> {
  public static final String NAME = "embeddingpipeline";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingPipelineReconciler.class);
  /** How often a trigger or gate value that changed no decision is refreshed in status. */
  static final Duration VALUE_REFRESH = Duration.ofMinutes(5);

  private final ChildApplier applier;
  private final EventRecorder events;
  private final Clock clock;
  private final RolloutEngine engine;
  private final MetricReadings metricReadings;
  private final OperatorMetrics metrics;
  private final AnnouncementOutbox outbox;
  /** Tells the pipeline's reconciler that a webhook announcement was delivered, so it is dropped from status. */
  private final SimpleInboundEventSource<EmbeddingPipeline> announcementsDelivered =
      new SimpleInboundEventSource<>("AnnouncementDelivered");
  private final UrlAllowList prometheusUrls;
  private final ApiDiscovery discovery;
  private final EvaluationListener evaluations;

  public EmbeddingPipelineReconciler(ChildApplier applier, EventRecorder events, Clock clock,
      MetricReadings metricReadings, OperatorMetrics metrics, WebhookNotifier notifier, UrlAllowList prometheusUrls,
      ApiDiscovery discovery, EvaluationListener evaluations) {
    this.prometheusUrls = prometheusUrls;
    this.applier = applier;
    this.events = events;
    this.clock = clock;
    this.engine = new RolloutEngine(clock, PipelineModel::flagsHash);
    this.metricReadings = metricReadings;
    this.metrics = metrics;
    this.outbox = new AnnouncementOutbox(notifier);
    this.discovery = discovery;
    this.evaluations = evaluations;
  }

  @Override
  public List<EventSource<?, EmbeddingPipeline>> prepareEventSources(EventSourceContext<EmbeddingPipeline> context) {
    List<EventSource<?, EmbeddingPipeline>> sources = new ArrayList<>();
    for (ChildKind<? extends HasMetadata> kind : PipelineChildren.KINDS) {
      if (kind.api().isEmpty()) {
        sources.add(childInformer(kind.type(), context));
      }
    }
    sources.add(policyInformer(context));
    sources.add(announcementsDelivered);
    return sources;
  }

  /**
   * Children of another project's API (KEDA, Prometheus Operator, OpenFeature) are watched from the
   * first reconcile that finds the API served: an informer on an API the cluster lacks would fail,
   * and registering at startup only would miss a project installed while the operator runs.
   */
  private static synchronized void watchServedApis(Set<ClusterApi> served, Context<EmbeddingPipeline> context) {
    var retriever = context.eventSourceRetriever();
    for (ChildKind<? extends HasMetadata> kind : PipelineChildren.KINDS) {
      if (kind.api().filter(served::contains).isPresent() && retriever.getEventSourcesFor(kind.type()).isEmpty()) {
        retriever.dynamicallyRegisterEventSource(
            childInformer(kind.type(), retriever.eventSourceContextForDynamicRegistration()));
      }
    }
  }

  private static <R extends HasMetadata> InformerEventSource<R, EmbeddingPipeline> childInformer(
      Class<R> type, EventSourceContext<EmbeddingPipeline> context) {
    var config = InformerEventSourceConfiguration.from(type, EmbeddingPipeline.class)
        .withName(type.getSimpleName())
        .withLabelSelector(ChildNames.MANAGED_SELECTOR)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(EmbeddingPipeline.class, false))
        .build();
    return new InformerEventSource<>(config, context);
  }

  /** A policy change (or its creation) reconciles every pipeline in its namespace that refers to it. */
  private static InformerEventSource<RolloutPolicy, EmbeddingPipeline> policyInformer(
      EventSourceContext<EmbeddingPipeline> context) {
    PrimaryToSecondaryMapper<EmbeddingPipeline> toPolicy = pipeline -> policyName(pipeline)
        .map(name -> Set.of(new ResourceID(name, pipeline.getMetadata().getNamespace())))
        .orElse(Set.of());
    var config = InformerEventSourceConfiguration.from(RolloutPolicy.class, EmbeddingPipeline.class)
        .withName(RolloutPolicy.class.getSimpleName())
        .withSecondaryToPrimaryMapper(policy -> context.getPrimaryCache()
            .list(policy.getMetadata().getNamespace())
            .filter(pipeline -> policyName(pipeline).filter(policy.getMetadata().getName()::equals).isPresent())
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet()))
        .withPrimaryToSecondaryMapper(toPolicy)
        .build();
    return new InformerEventSource<>(config, context);
  }

  /**
   * A policy that is invalid itself, or names flags the pipeline lacks, stalls the pipeline: an
   * invalid policy is never evaluated (its durations would not parse, its queries could misread names).
   */
  private List<String> policyProblems(RolloutPolicy policy, EmbeddingPipelineSpec pipeline) {
    List<String> own = PolicyValidator.validate(policy, prometheusUrls);
    if (!own.isEmpty()) {
      String prefix = "rolloutPolicyRef: RolloutPolicy '" + policy.getMetadata().getName() + "' is invalid: ";
      return own.stream().map(p -> prefix + p).toList();
    }
    return PolicyValidator.validateAgainst(policy.getSpec(), pipeline);
  }

  private static Optional<String> policyName(EmbeddingPipeline pipeline) {
    EmbeddingPipelineSpec spec = pipeline.getSpec();
    return spec == null || spec.rolloutPolicyRef() == null ? Optional.empty()
        : Optional.ofNullable(spec.rolloutPolicyRef().name());
  }

  @Override
  public UpdateControl<EmbeddingPipeline> reconcile(EmbeddingPipeline pipeline, Context<EmbeddingPipeline> context) {
    var meta = pipeline.getMetadata();
    MDC.put("resource", meta.getNamespace() + "/" + meta.getName());
    try {
      return reconcileLogged(pipeline, context);
    } finally {
      MDC.remove("resource");
    }
  }

  private UpdateControl<EmbeddingPipeline> reconcileLogged(EmbeddingPipeline pipeline, Context<EmbeddingPipeline> context) {
    Instant now = clock.instant();
    EmbeddingPipelineStatus previous = Optional.ofNullable(pipeline.getStatus()).orElse(EmbeddingPipelineStatus.initial());
    long generation = Optional.ofNullable(pipeline.getMetadata().getGeneration()).orElse(0L);
    EmbeddingPipelineSpec spec = pipeline.getSpec();
    Optional<RolloutPolicy> policy = policyName(pipeline).flatMap(name -> context.getSecondaryResource(RolloutPolicy.class));

    List<String> problems = new ArrayList<>(PipelineValidator.validate(pipeline));
    if (problems.isEmpty() && policy.isPresent()) {
      problems.addAll(policyProblems(policy.get(), spec));
    }
    if (!problems.isEmpty()) {
      String message = String.join("; ", problems);
      String reason = pipeline.unreadable().isPresent() ? StoredObject.UNREADABLE : "InvalidSpec";
      var conditions = Health.stalled(reason, message)
          .applyTo(new Conditions(previous.conditions(), generation, now)).build();
      boolean newProblem = !Conditions.find(previous.conditions(), Conditions.STALLED)
          .map(c -> "True".equals(c.getStatus()) && message.equals(c.getMessage())).orElse(false);
      writeStatus(pipeline, context, withPhase(previous, generation, conditions, Phase.Invalid));
      if (newProblem) {
        LOG.warn("Invalid spec: {}", message);
        events.warning(pipeline, reason, message);
      }
      return UpdateControl.noUpdate();
    }

    if (policyName(pipeline).isPresent() && policy.isEmpty()) {
      String message = "RolloutPolicy '" + spec.rolloutPolicyRef().name() + "' not found in namespace '"
          + pipeline.getMetadata().getNamespace() + "'; the pipeline is reconciled as soon as it exists";
      var conditions = Health.inProgress("RolloutPolicyNotFound", message)
          .applyTo(new Conditions(previous.conditions(), generation, now)).build();
      boolean newlyMissing = !Conditions.find(previous.conditions(), Conditions.READY)
          .map(c -> "RolloutPolicyNotFound".equals(c.getReason())).orElse(false);
      writeStatus(pipeline, context, withPhase(previous, generation, conditions, Phase.Pending));
      if (newlyMissing) {
        events.warning(pipeline, "RolloutPolicyNotFound", message);
      }
      return UpdateControl.noUpdate();
    }

    Set<ClusterApi> served = discovery.served();
    if (spec.worker().autoscaling().usesKeda() && !served.contains(ClusterApi.KEDA)) {
      String message = "spec.worker.autoscaling.engine: KEDA, but this cluster does not serve "
          + ClusterApi.KEDA.describe() + "; install KEDA or use engine HPA (checked again every "
          + ApiDiscovery.RECHECK.toSeconds() + "s)";
      var conditions = new Conditions(previous.conditions(), generation, now)
          .set(Conditions.READY, false, "KedaNotInstalled", message)
          .set(Conditions.RECONCILING, false, "KedaNotInstalled", message)
          .set(Conditions.STALLED, true, "KedaNotInstalled", message)
          .build();
      boolean newlyStalled = !Conditions.find(previous.conditions(), Conditions.STALLED)
          .map(c -> "KedaNotInstalled".equals(c.getReason())).orElse(false);
      writeStatus(pipeline, context, withPhase(previous, generation, conditions, Phase.Degraded));
      if (newlyStalled) {
        LOG.warn("{}", message);
        events.warning(pipeline, "KedaNotInstalled", message);
      }
      return UpdateControl.<EmbeddingPipeline>noUpdate().rescheduleAfter(ApiDiscovery.RECHECK);
    }
    watchServedApis(served, context);

    RolloutPolicy activePolicy = policy.orElse(null);
    DueQueries due = engine.queriesDue(pipeline, activePolicy);
    Readings readings = activePolicy == null ? Readings.none()
        : metricReadings.read(pipeline.getMetadata().getName(), pipeline.getMetadata().getNamespace(), activePolicy, due);
    String name = pipeline.getMetadata().getName();
    Map<String, Deployment> liveDeployments = context.getSecondaryResources(Deployment.class).stream()
        .collect(Collectors.toMap(d -> d.getMetadata().getName(), Function.identity(), (a, b) -> a));
    boolean workloadsReady = Stream.of(ChildNames.servingApp(name, spec.app(), previous.blueGreen()),
            ChildNames.of(name, Component.WORKER))
        .allMatch(deployment -> Rollouts.complete(liveDeployments.get(deployment)));
    RolloutStep step = engine.step(pipeline, activePolicy, readings, workloadsReady, RolloutSlots.of(pipeline,
        context.getPrimaryCache().list(pipeline.getMetadata().getNamespace())
            .filter(other -> policyName(other).equals(policyName(pipeline))), activePolicy),
        Rollouts.app(name, liveDeployments));
    PipelineModel model = PipelineModel.of(pipeline, step.effective(),
        activePolicy == null ? null : activePolicy.getSpec(), served).withBlueGreen(step.status().blueGreen());
    List<Deployment> deployments = List.of();
    List<String> missingIntegrations = new ArrayList<>();
    boolean integrationsWanted = false;
    try {
      for (ChildKind<? extends HasMetadata> kind : PipelineChildren.KINDS) {
        if (kind.api().isPresent()) {
          boolean wanted = !kind.desired(model).isEmpty();
          integrationsWanted |= wanted;
          if (!served.contains(kind.api().get())) {
            if (wanted) {
              missingIntegrations.add(kind.type().getSimpleName() + " needs " + kind.api().get().describe());
            }
            continue;
          }
        }
        var result = applier.apply(kind, model, context);
        if (kind.type() == Deployment.class) {
          @SuppressWarnings("unchecked")
          List<Deployment> live = (List<Deployment>) result.live();
          deployments = live;
        }
      }
    } catch (ChildApplier.ChildConflictException conflict) {
      var conditions = Health.stalled("ChildConflict", conflict.getMessage())
          .applyTo(new Conditions(previous.conditions(), generation, now)).build();
      writeStatus(pipeline, context, withPhase(previous, generation, conditions, Phase.Degraded));
      events.warning(pipeline, "ChildConflict", conflict.getMessage());
      return UpdateControl.noUpdate();
    }

    Map<String, Deployment> byName = deployments.stream()
        .collect(Collectors.toMap(d -> d.getMetadata().getName(), Function.identity()));
    Deployment app = byName.get(model.servingApp());
    Deployment worker = byName.get(ChildNames.of(pipeline.getMetadata().getName(), Component.WORKER));
    boolean watchesMetrics = activePolicy != null && !activePolicy.getSpec().triggers().isEmpty();
    boolean showIntegrations = integrationsWanted;
    List<Notification> notifications = activePolicy == null ? List.of() : activePolicy.getSpec().notifications();
    String uid = pipeline.getMetadata().getUid();
    List<PendingAnnouncement> pending = outbox.toStore(uid, notifications, previous.pendingAnnouncements(),
        announcements(pipeline, step));
    writeStatus(pipeline, context, PipelineHealth.observed(step, watchesMetrics, generation, now,
        previous.conditions(), app, worker, conditions -> {
          if (showIntegrations) {
            integrations(pipeline, previous, conditions, missingIntegrations);
          }
        }).withPendingAnnouncements(pending));
    announce(pipeline, activePolicy, step);
    if (!pending.isEmpty()) {
      ResourceID id = ResourceID.fromResource(pipeline);
      outbox.sendStored(uid, activePolicy.getMetadata().getNamespace(), notifications, pending,
          () -> announcementsDelivered.propagateEvent(id));
    }
    evaluations.evaluated(pipeline, activePolicy, step.status());
    Duration requeue = step.requeueAfter().isZero() ? Duration.ofMillis(100) : step.requeueAfter();
    if (!missingIntegrations.isEmpty() && requeue.compareTo(ApiDiscovery.RECHECK) > 0) {
      requeue = ApiDiscovery.RECHECK; // to notice the API once it is installed
    }
    return UpdateControl.<EmbeddingPipeline>noUpdate().rescheduleAfter(requeue);
  }

  /**
   * The condition {@value Conditions#INTEGRATIONS_AVAILABLE}: whether every monitoring / OpenFeature child the
   * spec asks for could be created. A missing API is announced once (a Warning Event when the
   * message changes); the other children are applied regardless.
   */
  private void integrations(EmbeddingPipeline pipeline, EmbeddingPipelineStatus previous, Conditions conditions,
      List<String> missing) {
    if (missing.isEmpty()) {
      conditions.set(Conditions.INTEGRATIONS_AVAILABLE, true, "AllServed", "every API the requested integrations need is served");
      return;
    }
    String message = String.join("; ", missing) + ", which this cluster does not serve; those children are"
        + " skipped and created once the API is installed";
    boolean news = !Conditions.find(previous.conditions(), Conditions.INTEGRATIONS_AVAILABLE)
        .map(c -> "False".equals(c.getStatus()) && message.equals(c.getMessage())).orElse(false);
    conditions.set(Conditions.INTEGRATIONS_AVAILABLE, false, "ApiNotServed", message);
    if (news) {
      LOG.warn("Integrations unavailable: {}", message);
      events.warning(pipeline, "IntegrationsUnavailable", message);
    }
  }

  /**
   * The webhook announcements of what the step did, to store with it: their delivery ids are unique
   * per pipeline, time, kind and trigger, and the same in every operator instance.
   */
  private static List<PendingAnnouncement> announcements(EmbeddingPipeline pipeline, RolloutStep step) {
    String prefix = "maverick-operator: EmbeddingPipeline " + pipeline.getMetadata().getNamespace() + "/"
        + pipeline.getMetadata().getName() + ": ";
    String uid = pipeline.getMetadata().getUid();
    List<PendingAnnouncement> announcements = new ArrayList<>();
    for (AppliedAction action : step.actions()) {
      announcements.add(new PendingAnnouncement(uid + "-" + action.appliedAt().getEpochSecond() + "-action-"
          + action.trigger(), prefix + message(action), null, action.appliedAt().toString()));
    }
    for (WouldAct wouldAct : step.wouldAct()) {
      announcements.add(new PendingAnnouncement(uid + "-" + wouldAct.windowCompletedAt().getEpochSecond()
          + "-observe-" + wouldAct.trigger(), prefix + message(wouldAct), true, wouldAct.windowCompletedAt().toString()));
    }
    return announcements;
  }

  private static String message(AppliedAction action) {
    return action.type() + " by " + action.trigger() + ": " + action.detail();
  }

  private static String message(WouldAct wouldAct) {
    return "observe-only trigger " + wouldAct.trigger() + " would have acted: " + wouldAct.actions();
  }

  /** Events and metrics for what the step did; only after its status is stored. */
  private void announce(EmbeddingPipeline pipeline, RolloutPolicy policy, RolloutStep step) {
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
    if (status.triggers() != null) {
      status.triggers().forEach(t -> metrics.trigger(namespace, name, t.name(), t.value(), Boolean.TRUE.equals(t.breaching()),
          t.mode() == TriggerMode.Observe));
    }
    if (status.stage() != null && status.stage().index() != null) {
      metrics.stage(namespace, name, status.stage().index());
    }
    if (policy != null && !policy.getSpec().triggers().isEmpty()) {
      metrics.metricsAvailable(namespace, name, step.metricsAvailable());
    }
  }

  /** The previous status with new conditions and phase; the rollout's memory is kept whole. */
  /**
   * A failure JOSDK will retry (API server error, conflict, timeout) is shown on the pipeline; the
   * rollout's memory is left as it was, so nothing is decided twice.
   */
  @Override
  public ErrorStatusUpdateControl<EmbeddingPipeline> updateErrorStatus(EmbeddingPipeline pipeline,
      Context<EmbeddingPipeline> context, Exception error) {
    EmbeddingPipelineStatus previous = Optional.ofNullable(pipeline.getStatus()).orElse(EmbeddingPipelineStatus.initial());
    String cause = Optional.ofNullable(error.getMessage()).orElse(error.getClass().getSimpleName());
    String message = "reconcile failed, retrying: " + (cause.length() > 512 ? cause.substring(0, 509) + "..." : cause);
    var conditions = Health.inProgress("ReconcileError", message)
        .applyTo(new Conditions(previous.conditions(),
            Optional.ofNullable(previous.observedGeneration()).orElse(-1L), clock.instant()))
        .keep(Conditions.METRICS_AVAILABLE)
        .build();
    try {
      writeStatus(pipeline, context, previous.withObservation(previous.observedGeneration(), conditions,
          previous.phase(), previous.app(), previous.worker()));
    } catch (RuntimeException unavailable) {
      LOG.debug("Could not show the reconcile error in status: {}", unavailable.getMessage());
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  private static EmbeddingPipelineStatus withPhase(EmbeddingPipelineStatus previous, long generation,
      List<io.fabric8.kubernetes.api.model.Condition> conditions, Phase phase) {
    return previous.withObservation(generation, conditions, phase, previous.app(), previous.worker());
  }

  /**
   * Writes the status only when it carries news, and caches the result for the next reconcile. An
   * evaluation that finds the same state is not news: writing its time, or a metric value that moved
   * without changing any decision, would cost one API write per pipeline and interval. Such values
   * are refreshed at most every {@link #VALUE_REFRESH} (live values are on /metrics). The engine's
   * schedule does not depend on it: a stale {@code lastEvaluated} only makes the next evaluation due,
   * which the requeue makes it anyway.
   */
  private void writeStatus(EmbeddingPipeline pipeline, Context<EmbeddingPipeline> context,
      EmbeddingPipelineStatus status) {
    EmbeddingPipelineStatus previous = pipeline.getStatus();
    if (previous != null && withoutReadings(previous, true).equals(withoutReadings(status, true))) {
      boolean valuesMoved = !withoutReadings(previous, false).equals(withoutReadings(status, false));
      Instant lastWritten = previous.lastEvaluated() == null ? Instant.EPOCH : Instant.parse(previous.lastEvaluated());
      if (!valuesMoved || lastWritten.plus(VALUE_REFRESH).isAfter(clock.instant())) {
        return;
      }
    }
    // on a copy: if the write fails, the pipeline in hand must still show what is stored, or the
    // error path would store this status (and its actions) without their Events and webhooks
    var cloner = context.getControllerConfiguration().getConfigurationService().getResourceCloner();
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(pipeline, context, p -> {
      EmbeddingPipeline copy = cloner.clone(p);
      copy.setStatus(status);
      return copy;
    });
  }

  /** The status without evaluation times, and without trigger and gate values when {@code values} is true. */
  private static EmbeddingPipelineStatus withoutReadings(EmbeddingPipelineStatus status, boolean values) {
    List<TriggerStatus> triggers = status.triggers() == null ? null : status.triggers().stream()
        .map(t -> new TriggerStatus(t.name(), values ? null : t.value(), t.breaching(), t.breachingSince(), null,
            t.error(), t.mode(), t.wouldActAt()))
        .toList();
    StageStatus stage = status.stage() == null || status.stage().gates() == null ? status.stage()
        : new StageStatus(status.stage().index(), status.stage().name(), status.stage().startedAt(),
            status.stage().promoted(), withoutReadings(status.stage().gates(), values));
    return new EmbeddingPipelineStatus(status.observedGeneration(), status.conditions(), status.phase(), stage,
        status.effective(), status.stableRevision(), status.currentRevision(), triggers, status.actions(),
        status.app(), status.worker(), status.rolloutGeneration(), status.overrides(), status.handledAnnotations(),
        status.metricsUnavailableSince(), status.cleanSince(), null, status.rolloutSpecHash(), status.revisions(),
        status.freeze(), status.rolloutSlot(), status.stageSummary(), status.pendingAnnouncements(),
        status.blueGreen() == null ? null : status.blueGreen().withGates(withoutReadings(status.blueGreen().gates(), values)));
  }

  private static List<GateStatus> withoutReadings(List<GateStatus> gates, boolean values) {
    return gates == null ? null : gates.stream()
        .map(g -> new GateStatus(g.name(), values ? null : g.value(), g.holds(), null, g.error())).toList();
  }
}
