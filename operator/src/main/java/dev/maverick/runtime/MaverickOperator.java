package dev.maverick.runtime;

import dev.maverick.api.SecretKeyRef;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.dashboard.Dashboard;
import dev.maverick.dashboard.EvaluationHistory;
import dev.maverick.events.EventRecorder;
import dev.maverick.pipeline.EvaluationListener;
import dev.maverick.metrics.OperatorMetrics;
import dev.maverick.notifications.WebhookNotifier;
import dev.maverick.prometheus.PrometheusClients;
import dev.maverick.rollout.MetricReadings;
import dev.maverick.secrets.KubernetesSecretReader;
import dev.maverick.secrets.SecretReader;
import dev.maverick.integrations.ApiDiscovery;
import dev.maverick.pipeline.ChildApplier;
import dev.maverick.pipeline.EmbeddingPipelineReconciler;
import dev.maverick.policy.RolloutPolicyReconciler;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.reconciler.ResourceCache;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator: both reconcilers on one JOSDK Operator, configured the same way in production,
 * in tests and in the demo. Server-side apply is off everywhere so tests exercise what ships.
 */
public final class MaverickOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MaverickOperator.class);

  private final Operator operator;
  private final WebhookNotifier notifier;
  private final AtomicBoolean closing;
  private final Optional<Dashboard> dashboard;

  private MaverickOperator(Operator operator, WebhookNotifier notifier, AtomicBoolean closing,
      Optional<Dashboard> dashboard) {
    this.operator = operator;
    this.notifier = notifier;
    this.closing = closing;
    this.dashboard = dashboard;
  }

  public static MaverickOperator start(KubernetesClient client, OperatorSettings settings, Clock clock,
      MeterRegistry registry) {
    AtomicBoolean closing = new AtomicBoolean();
    OperatorMetrics metrics = new OperatorMetrics(registry);
    boolean electing = settings.leaderElection() && !settings.leaseNamespace().isEmpty();
    metrics.leader(!electing);
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withCloseClientOnStop(false)
          .withResourceCloner(new KeepingUnreadableCloner(client.getKubernetesSerialization()))
          // reading CRDs would need RBAC on the cluster-scoped apiextensions API for nothing
          .checkingCRDAndValidateLocalModel(false)
          .withConcurrentReconciliationThreads(settings.reconcileThreads())
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
      if (electing) {
        o.withLeaderElectionConfiguration(leaderElection(settings, closing, metrics));
      }
    });
    EventRecorder events = new EventRecorder(client, clock);
    SecretReader secrets = new KubernetesSecretReader(client);
    WebhookNotifier notifier = new WebhookNotifier(secrets, settings.allowedWebhookUrls(),
        (namespace, ref) -> refusedWebhook(events, namespace, ref), Duration.ofSeconds(1), 6);
    MetricReadings readings = new MetricReadings(new PrometheusClients(secrets), metrics, clock);
    Set<String> namespaces = settings.watchNamespaces();
    // the history forgets deleted pipelines; it learns of the pipeline cache once that exists
    AtomicReference<ResourceCache<EmbeddingPipeline>> pipelineCache = new AtomicReference<>();
    EvaluationHistory history = new EvaluationHistory(clock, EvaluationHistory.WINDOW, EvaluationHistory.MAX_POINTS,
        key -> pipelineCache.get() == null || pipelineCache.get().contains(new ResourceID(key.name(), key.namespace())));
    var pipelines = operator.register(new EmbeddingPipelineReconciler(new ChildApplier(client), events, clock, readings,
        metrics, notifier, settings.allowedPrometheusUrls(), new ApiDiscovery(client, clock),
        settings.dashboard() ? history : EvaluationListener.NONE), o -> watch(o, namespaces, settings.shardSelector()));
    var policies = operator.register(new RolloutPolicyReconciler(events, clock, settings.allowedPrometheusUrls()),
        o -> watch(o, namespaces, settings.shardSelector()));
    pipelineCache.set(primaryCache(pipelines));
    ResourceCache<RolloutPolicy> policyCache = primaryCache(policies);
    Optional<Dashboard> dashboard = settings.dashboard()
        ? Optional.of(new Dashboard(history, () -> pipelineCache.get().list(),
            (namespace, name) -> policyCache.get(new ResourceID(name, namespace)), clock))
        : Optional.empty();
    operator.start();
    LOG.info("maverick-operator started, watching {} ({})",
        namespaces.isEmpty() ? "all namespaces" : namespaces,
        settings.shard().isEmpty() ? "objects without a shard label" : "shard " + settings.shard());
    return new MaverickOperator(operator, notifier, closing, dashboard);
  }

  /** The informer cache of a controller's primary resources, which the dashboard reads. */
  private static <P extends HasMetadata> ResourceCache<P> primaryCache(RegisteredController<P> registered) {
    if (!(registered instanceof Controller<P> controller)) {
      throw new IllegalStateException("JOSDK registered " + registered.getClass().getName()
          + ", not a Controller: its primary cache is out of reach");
    }
    return controller.eventSourceContext().getPrimaryCache();
  }

  /** The read-only dashboard, unless the settings turn it off; serve it on the HTTP port at {@link Dashboard#PATH}. */
  public Optional<Dashboard> dashboard() {
    return dashboard;
  }

  /** The Event goes on the Secret holding the URL, and never shows the URL: it usually carries a token. */
  private static void refusedWebhook(EventRecorder events, String namespace, SecretKeyRef ref) {
    Secret secret = new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(ref.name()).endMetadata()
        .build();
    events.warning(secret, "WebhookUrlNotAllowed", "the webhook URL in key \"" + ref.key() + "\" is outside the "
        + "operator's allowed webhook URL prefixes (MAVERICK_ALLOWED_WEBHOOK_URL_PREFIXES); the webhook was not called");
  }

  /**
   * The identity is the host name plus a random suffix (as client-go does), so that two instances
   * never share one: with equal identities both would consider themselves the leader. A leader
   * that loses its lease while running exits, so that only the new leader writes (JOSDK's own
   * exit-on-stop-leading, which is turned off here, would also fire on a deliberate close and call
   * System.exit from the shutdown hook, where it blocks forever).
   */
  private static LeaderElectionConfiguration leaderElection(OperatorSettings settings, AtomicBoolean closing,
      OperatorMetrics metrics) {
    String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElse("maverick-operator");
    String identity = host + "_" + UUID.randomUUID();
    LeaderCallbacks callbacks = new LeaderCallbacks(
        () -> {
          metrics.leader(true);
          LOG.info("Leading as {} (lease {}/{})", identity, settings.leaseNamespace(), settings.leaseName());
        },
        () -> {
          metrics.leader(false);
          if (!closing.get()) {
            LOG.error("Lost the leader lease {}/{}; exiting so that only the new leader writes",
                settings.leaseNamespace(), settings.leaseName());
            System.exit(1);
          }
        },
        leader -> LOG.info("The leader is {}", leader));
    return new LeaderElectionConfiguration(settings.leaseName(), settings.leaseNamespace(),
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE, LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, identity, callbacks, false);
  }

  /** The namespaces, and the shard's pipelines or policies only (their label selector). */
  private static void watch(io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider<?> o,
      Set<String> namespaces, String shardSelector) {
    o.withLabelSelector(shardSelector);
    if (namespaces.isEmpty()) {
      o.watchingAllNamespaces();
    } else {
      o.settingNamespaces(namespaces);
    }
  }

  /** Whether every informer is connected and synced; the readiness probe. */
  public boolean healthy() {
    return operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /** JOSDK's view of the controllers and their event sources. */
  public RuntimeInfo runtimeInfo() {
    return operator.getRuntimeInfo();
  }

  /**
   * Why the liveness probe fails; empty while the operator runs and every informer runs. An informer
   * that is only reconnecting (API server unreachable) still runs: restarting would not help it.
   */
  public Optional<String> deadReason() {
    RuntimeInfo info = operator.getRuntimeInfo();
    if (!info.isStarted()) {
      return Optional.of("operator stopped");
    }
    for (RegisteredController<?> controller : info.getRegisteredControllers()) {
      Map<String, InformerWrappingEventSourceHealthIndicator> sources =
          controller.getControllerHealthInfo().informerEventSourceHealthIndicators();
      for (Map.Entry<String, InformerWrappingEventSourceHealthIndicator> source : sources.entrySet()) {
        Map<String, InformerHealthIndicator> informers = source.getValue().informerHealthIndicators();
        if (informers.isEmpty()) {
          // a stopped informer event source drops its informers (and JOSDK then calls it healthy)
          return Optional.of("informer " + controller.getConfiguration().getName() + "/" + source.getKey() + " stopped");
        }
        for (Map.Entry<String, InformerHealthIndicator> informer : informers.entrySet()) {
          if (!informer.getValue().isRunning()) {
            return Optional.of("informer " + controller.getConfiguration().getName() + "/" + source.getKey()
                + " (namespace " + informer.getKey() + ") stopped");
          }
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    closing.set(true);
    operator.stop();
    notifier.close();
  }
}
