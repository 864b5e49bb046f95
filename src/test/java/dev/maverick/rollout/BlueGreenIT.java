package dev.maverick.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.BlueGreenStatus;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.TriggerStatus;
import dev.maverick.demo.SimulatedKubelet;
import dev.maverick.testing.OperatorHarness;
import dev.maverick.testing.RealPrometheus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A blue-green release in the running operator (mock Kubernetes API, simulated kubelet) against the
 * real Prometheus (issue 13): a failing preview gate blocks the switch, a passing one switches, a
 * breach after the switch switches back within scaleDownDelay with one Service write and no pod
 * start, and after the delay the previous colour is at 0. Real time: evaluations every second.
 */
class BlueGreenIT {
  private static final String NAMESPACE = OperatorHarness.NAMESPACE;
  private static final String NAME = "bluegreen";
  private static final String PREVIEW_ERRORS = "preview_error_ratio";
  private static final String ERRORS = "embedding_error_ratio";

  @RegisterExtension
  static final RealPrometheus prometheus = new RealPrometheus();

  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().clock(Clock.systemUTC()).build();
  private SimulatedKubelet kubelet;

  @BeforeEach
  void start() {
    for (String color : List.of(BlueGreenStatus.BLUE, BlueGreenStatus.GREEN)) {
      previewErrors(color, 0.0);
    }
    errors(0.0);
    prometheus.awaitSample("count(" + PREVIEW_ERRORS + ") + count(" + ERRORS + ")", 3);
    kubelet = SimulatedKubelet.start(k8s.client, NAMESPACE);
  }

  @AfterEach
  void stop() {
    kubelet.close();
  }

  @Test
  void aPreviewGateBlocksOrAllowsTheSwitchAndABreachSwitchesBackAtOnce() throws Exception {
    k8s.create(policy());
    k8s.create(pipeline("1.0.0", "20s"));
    await().atMost(Duration.ofSeconds(30)).until(() -> status().stableRevision() != null);
    assertThat(status().blueGreen().activeColor()).isEqualTo("blue");
    assertThat(selector(NAME + "-app")).containsEntry("maverick.dev/color", "blue");
    assertThat(selector(NAME + "-app-preview")).containsEntry("maverick.dev/color", "green");

    // a failing gate on the preview colour blocks the switch
    previewErrors("green", 0.5);
    prometheus.awaitSample(PREVIEW_ERRORS + "{color=\"green\"}", 0.5);
    release("2.0.0", "20s");
    await().untilAsserted(() -> assertThat(events("Warning", "PreviewGateFailed")).isNotEmpty());
    assertThat(status().blueGreen().previewColor()).isEqualTo("green");
    assertThat(image(NAME + "-app-green")).endsWith(":2.0.0");
    assertThat(k8s.get(Deployment.class, NAME + "-app-green").getSpec().getReplicas()).isEqualTo(1);
    k8s.awaitQueries(6);
    assertThat(status().blueGreen().activeColor()).isEqualTo("blue");
    assertThat(selector(NAME + "-app")).containsEntry("maverick.dev/color", "blue");
    assertThat(status().conditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Reconciling");
      assertThat(c.getStatus()).isEqualTo("True");
    });

    // a passing gate: the preview is scaled to the active count, then the Service switches
    previewErrors("green", 0.0);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(selector(NAME + "-app")).containsEntry("maverick.dev/color", "green"));
    assertThat(k8s.get(Deployment.class, NAME + "-app-green").getSpec().getReplicas()).isEqualTo(3);
    // the same reconcile retargets the HPA right after the Service: the test may read between the two writes
    await().untilAsserted(() -> assertThat(k8s.get(HorizontalPodAutoscaler.class, NAME + "-app").getSpec()
        .getScaleTargetRef().getName()).isEqualTo(NAME + "-app-green"));
    await().untilAsserted(() -> assertThat(status().app().summary()).isEqualTo("3/3 green"));
    Deployment blueBefore = k8s.get(Deployment.class, NAME + "-app-blue");
    assertThat(blueBefore.getSpec().getReplicas()).as("the previous colour keeps its pods").isEqualTo(3);

    // a breach within scaleDownDelay: RevertImages switches the Service back, nothing restarts
    AtomicReference<Instant> switchedBackAt = new AtomicReference<>();
    try (Watch ignored = k8s.client.services().inNamespace(NAMESPACE).withName(NAME + "-app").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Service service) {
        if ("blue".equals(service.getSpec().getSelector().get("maverick.dev/color"))) {
          switchedBackAt.compareAndSet(null, Instant.now());
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    })) {
      k8s.clearRequests();
      errors(0.5);
      await().atMost(Duration.ofSeconds(15)).until(() -> switchedBackAt.get() != null);
      await().untilAsserted(() -> assertThat(k8s.get(Deployment.class, NAME + "-app-green").getSpec().getReplicas())
          .isZero());
    }
    EmbeddingPipelineStatus rolledBack = status();
    assertThat(rolledBack.blueGreen().activeColor()).isEqualTo("blue");
    assertThat(events("Normal", "SwitchedBack")).hasSize(1);
    List<RecordedRequest> writes = k8s.takeRequests().stream()
        .filter(OperatorHarness::fromOperator).filter(OperatorHarness::isWrite).toList();
    assertThat(writes).filteredOn(r -> r.getPath().contains("/services/" + NAME + "-app"))
        .filteredOn(r -> !r.getPath().contains("-app-preview"))
        .as("the switch-back is one Service write").hasSize(1);
    assertThat(writes).filteredOn(r -> r.getPath().contains("/deployments/" + NAME + "-app-blue"))
        .as("the colour switched back to is not touched: no pod starts").isEmpty();
    assertThat(k8s.get(Deployment.class, NAME + "-app-blue").getSpec()).isEqualTo(blueBefore.getSpec());
    TriggerStatus breach = rolledBack.triggers().get(0);
    Instant windowEnd = Instant.parse(breach.breachingSince()).plus(Duration.ofSeconds(2));
    System.out.println("blue-green: trigger window completed -> selector write observed: "
        + Duration.between(windowEnd, switchedBackAt.get()).toMillis() + " ms");

    // a new revision after the rollback: switched, and after the delay the previous colour is at 0
    errors(0.0);
    release("3.0.0", "3s");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(selector(NAME + "-app")).containsEntry("maverick.dev/color", "green"));
    assertThat(image(NAME + "-app-green")).endsWith(":3.0.0");
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(k8s.get(Deployment.class, NAME + "-app-blue").getSpec().getReplicas()).isZero());
    assertThat(events("Normal", "PreviousColorScaledDown")).isNotEmpty();
  }

  private static void previewErrors(String color, double value) {
    prometheus.metrics().gauge(PREVIEW_ERRORS, Map.of("pipeline", NAME, "namespace", NAMESPACE, "color", color), value);
  }

  private static void errors(double value) {
    prometheus.metrics().gauge(ERRORS, Map.of("pipeline", NAME, "namespace", NAMESPACE), value);
  }

  private static RolloutPolicy policy() {
    return Serialization.unmarshal("""
        apiVersion: maverick.dev/v1alpha1
        kind: RolloutPolicy
        metadata: {name: %s, namespace: %s}
        spec:
          prometheus: {url: "%s", timeout: 2s}
          interval: 1s
          stableAfter: 2s
          triggers:
          - name: systemErrorRate
            query: 'embedding_error_ratio{pipeline="{{pipeline}}",namespace="{{namespace}}"}'
            condition: {operator: GreaterThan, threshold: 0.1}
            for: 2s
            actions: [{type: RevertImages}]
        """.formatted(NAME, NAMESPACE, prometheus.url()), RolloutPolicy.class);
  }

  private static EmbeddingPipeline pipeline(String version, String scaleDownDelay) {
    return Serialization.unmarshal("""
        apiVersion: maverick.dev/v1alpha1
        kind: EmbeddingPipeline
        metadata: {name: %s, namespace: %s}
        spec:
          rolloutPolicyRef: {name: %s}
          app:
            image: registry.example/paperless-maverick:%s
            replicas: {min: 3, max: 10}
            autoscaling: {enabled: true, cpuUtilization: 70}
            strategy:
              type: BlueGreen
              blueGreen:
                previewReplicas: 1
                scaleDownDelay: %s
                prePromotionGates:
                - name: previewErrors
                  query: 'preview_error_ratio{pipeline="{{pipeline}}",color="{{color}}"}'
                  condition: {operator: LessThan, threshold: 0.05}
          worker: {image: registry.example/embedding-worker:1.4.0}
          featureFlags:
          - {name: embeddingMonitoring, enabled: true, rolloutPercentage: 10}
        """.formatted(NAME, NAMESPACE, NAME, version, scaleDownDelay), EmbeddingPipeline.class);
  }

  /** A user's edit: a new app image (and delay). */
  private void release(String version, String scaleDownDelay) {
    k8s.edit(EmbeddingPipeline.class, NAME, p -> {
      p.setSpec(pipeline(version, scaleDownDelay).getSpec());
      return p;
    });
  }

  private EmbeddingPipelineStatus status() {
    return Optional.ofNullable(k8s.pipeline(NAME).getStatus()).orElse(EmbeddingPipelineStatus.initial());
  }

  private Map<String, String> selector(String service) {
    return k8s.get(Service.class, service).getSpec().getSelector();
  }

  private String image(String deployment) {
    return k8s.get(Deployment.class, deployment).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private List<Event> events(String type, String reason) {
    return k8s.client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> NAME.equals(e.getInvolvedObject().getName()) && type.equals(e.getType())
            && reason.equals(e.getReason()))
        .toList();
  }
}
