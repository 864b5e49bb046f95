package dev.maverick.pipeline;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.PendingAnnouncement;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.egress.UrlAllowList;
import dev.maverick.events.EventRecorder;
import dev.maverick.integrations.ApiDiscovery;
import dev.maverick.integrations.ClusterApi;
import dev.maverick.metrics.OperatorMetrics;
import dev.maverick.notifications.WebhookNotifier;
import dev.maverick.rollout.MetricReadings;
import dev.maverick.rollout.Readings;
import dev.maverick.rollout.RolloutEngine;
import dev.maverick.rollout.RolloutStep;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Orchestrates one pipeline: validate → observe (metrics, live workloads) → step (the rollout
 * engine decides) → apply (children) → status → announce. Annotation changes (manual controls) do
 * not bump the generation, so every update of the pipeline but its own status writes is processed.
 */
@ControllerConfiguration(name = EmbeddingPipelineReconciler.NAME, generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = IgnoreStatusOnlyUpdates.class))
public class EmbeddingPipelineReconciler implements Reconciler<EmbeddingPipeline> {
  public static final String NAME = "embeddingpipeline";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingPipelineReconciler.class);

  private final Clock clock;
  private final FlagsCache flags = new FlagsCache();
  private final RolloutEngine engine;
  private final MetricReadings metricReadings;
  private final ChildrenSync children;
  private final StatusWriter statuses;
  private final StepAnnouncer announcer;
  private final Validation validation;
  private final ApiDiscovery discovery;
  private final EvaluationListener evaluations;
  private final RestingPipelines resting;

  public EmbeddingPipelineReconciler(ChildApplier applier, EventRecorder events, Clock clock,
      MetricReadings metricReadings, OperatorMetrics metrics, WebhookNotifier notifier, UrlAllowList prometheusUrls,
      ApiDiscovery discovery, EvaluationListener evaluations) {
    this.clock = clock;
    this.engine = new RolloutEngine(clock, flags::hash);
    this.metricReadings = metricReadings;
    this.children = new ChildrenSync(applier, metrics);
    this.statuses = new StatusWriter(clock);
    this.announcer = new StepAnnouncer(events, metrics, notifier);
    this.validation = new Validation(prometheusUrls);
    this.discovery = discovery;
    this.evaluations = evaluations;
    this.resting = new RestingPipelines(engine, metricReadings, metrics, clock, (namespace, name, policy, triggers) -> {
      announcer.readings(namespace, name, triggers);
      evaluations.evaluated(namespace, name, policy, triggers, null);
    });
  }

  @Override
  public List<EventSource<?, EmbeddingPipeline>> prepareEventSources(EventSourceContext<EmbeddingPipeline> context) {
    return PipelineEventSources.atStartup(context, List.of(announcer.deliveries(), resting.wakes()));
  }

  @Override
  public UpdateControl<EmbeddingPipeline> reconcile(EmbeddingPipeline pipeline, Context<EmbeddingPipeline> context) {
    MDC.put("resource", pipeline.getMetadata().getNamespace() + "/" + pipeline.getMetadata().getName());
    try {
      Instant now = clock.instant();
      EmbeddingPipelineStatus previous = Optional.ofNullable(pipeline.getStatus()).orElse(EmbeddingPipelineStatus.initial());
      long generation = Optional.ofNullable(pipeline.getMetadata().getGeneration()).orElse(0L);
      String name = pipeline.getMetadata().getName();
      RolloutPolicy policy = pipeline.rolloutPolicyName()
          .flatMap(ref -> context.getSecondaryResource(RolloutPolicy.class)).orElse(null);
      Set<ClusterApi> served = discovery.served();
      Optional<Blocked> blocked = Blocked.check(pipeline, Optional.ofNullable(policy), served, validation);
      if (blocked.isPresent()) {
        return stop(pipeline, context, previous, generation, blocked.get());
      }
      PipelineEventSources.watchServedApis(served, context);

      Readings readings = policy == null ? Readings.none() : metricReadings.read(name,
          pipeline.getMetadata().getNamespace(), policy, engine.queriesDue(pipeline, policy));
      Observed observed = Observed.of(pipeline, policy, context);
      RolloutStep step = engine.step(pipeline, policy, readings, observed.workloadsReady(), observed.slots(),
          Rollouts.app(name, observed.deployments()));

      PipelineModel model = PipelineModel.of(pipeline, step.effective(), flags.get(pipeline, step.effective()),
          policy == null ? null : policy.getSpec(), served).withBlueGreen(step.status().blueGreen());
      ChildrenSync.Outcome synced;
      try {
        synced = children.sync(model, context);
      } catch (ChildApplier.ChildConflictException conflict) {
        return stop(pipeline, context, previous, generation, Blocked.conflict(conflict));
      }

      boolean watchesMetrics = policy != null && !policy.getSpec().triggers().isEmpty();
      List<PendingAnnouncement> pending = announcer.toStore(pipeline, policy, step);
      statuses.write(pipeline, context, PipelineHealth.observed(step, watchesMetrics, generation, now,
          previous.conditions(), synced.deployments().get(model.servingApp()),
          synced.deployments().get(ChildNames.of(name, Component.WORKER)), synced.integrations())
          .withPendingAnnouncements(pending));
      announcer.announce(pipeline, policy, step, pending, previous.conditions(), synced.integrations());
      evaluations.evaluated(pipeline.getMetadata().getNamespace(), name, policy, step.status().triggers(),
          step.status().stage());
      Duration requeue = resting.requeue(pipeline, policy, step);
      requeue = requeue.isZero() ? Duration.ofMillis(100) : requeue;
      if (!synced.integrations().missing().isEmpty() && requeue.compareTo(ApiDiscovery.RECHECK) > 0) {
        requeue = ApiDiscovery.RECHECK; // to notice the API once it is installed
      }
      return UpdateControl.<EmbeddingPipeline>noUpdate().rescheduleAfter(requeue);
    } finally {
      MDC.remove("resource");
    }
  }

  private UpdateControl<EmbeddingPipeline> stop(EmbeddingPipeline pipeline, Context<EmbeddingPipeline> context,
      EmbeddingPipelineStatus previous, long generation, Blocked blocked) {
    resting.stop(ResourceID.fromResource(pipeline));
    statuses.write(pipeline, context, PipelineHealth.blocked(previous, generation, clock.instant(), blocked.health(),
        blocked.phase()));
    announcer.blocked(pipeline, previous.conditions(), blocked);
    return blocked.recheck().map(UpdateControl.<EmbeddingPipeline>noUpdate()::rescheduleAfter)
        .orElseGet(UpdateControl::noUpdate);
  }

  /** A failure JOSDK will retry (API server error, conflict, timeout) is shown on the pipeline. */
  @Override
  public ErrorStatusUpdateControl<EmbeddingPipeline> updateErrorStatus(EmbeddingPipeline pipeline,
      Context<EmbeddingPipeline> context, Exception error) {
    EmbeddingPipelineStatus previous = Optional.ofNullable(pipeline.getStatus()).orElse(EmbeddingPipelineStatus.initial());
    String cause = Optional.ofNullable(error.getMessage()).orElse(error.getClass().getSimpleName());
    try {
      statuses.write(pipeline, context, PipelineHealth.retrying(previous, clock.instant(), cause));
    } catch (RuntimeException unavailable) {
      LOG.debug("Could not show the reconcile error in status: {}", unavailable.getMessage());
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }
}
