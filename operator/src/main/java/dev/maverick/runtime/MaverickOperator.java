package dev.maverick.runtime;

import dev.maverick.events.EventRecorder;
import dev.maverick.metrics.OperatorMetrics;
import dev.maverick.notifications.WebhookNotifier;
import dev.maverick.prometheus.PrometheusClients;
import dev.maverick.rollout.MetricReadings;
import dev.maverick.secrets.KubernetesSecretReader;
import dev.maverick.secrets.SecretReader;
import dev.maverick.pipeline.ChildApplier;
import dev.maverick.pipeline.EmbeddingPipelineReconciler;
import dev.maverick.policy.RolloutPolicyReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
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

  private MaverickOperator(Operator operator, WebhookNotifier notifier) {
    this.operator = operator;
    this.notifier = notifier;
  }

  public static MaverickOperator start(KubernetesClient client, OperatorSettings settings, Clock clock,
      MeterRegistry registry) {
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withCloseClientOnStop(false)
          // reading CRDs would need RBAC on the cluster-scoped apiextensions API for nothing
          .checkingCRDAndValidateLocalModel(false)
          .withConcurrentReconciliationThreads(settings.reconcileThreads())
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
      if (settings.leaderElection() && !settings.leaseNamespace().isEmpty()) {
        o.withLeaderElectionConfiguration(
            new LeaderElectionConfiguration(settings.leaseName(), settings.leaseNamespace()));
      }
    });
    EventRecorder events = new EventRecorder(client, clock);
    OperatorMetrics metrics = new OperatorMetrics(registry);
    SecretReader secrets = new KubernetesSecretReader(client);
    WebhookNotifier notifier = new WebhookNotifier(secrets, Duration.ofSeconds(1), 6);
    MetricReadings readings = new MetricReadings(new PrometheusClients(secrets), metrics, clock);
    Set<String> namespaces = settings.watchNamespaces();
    operator.register(new EmbeddingPipelineReconciler(new ChildApplier(client), events, clock, readings, metrics,
        notifier), o -> watch(o, namespaces));
    operator.register(new RolloutPolicyReconciler(events, clock), o -> watch(o, namespaces));
    operator.start();
    LOG.info("maverick-operator started, watching {}", namespaces.isEmpty() ? "all namespaces" : namespaces);
    return new MaverickOperator(operator, notifier);
  }

  private static void watch(io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider<?> o,
      Set<String> namespaces) {
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

  @Override
  public void close() {
    operator.stop();
    notifier.close();
  }
}
