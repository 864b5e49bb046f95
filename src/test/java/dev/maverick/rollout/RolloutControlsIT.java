package dev.maverick.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.LocalObjectRef;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.TriggerMode;
import dev.maverick.api.TriggerStatus;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import dev.maverick.testing.RealPrometheus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.Counter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Observe mode, minSamples and a freeze window inside the running operator (mock Kubernetes API)
 * against a real Prometheus scraping gauges the tests set; policies evaluate every second.
 */
class RolloutControlsIT {
  private static final String NAMESPACE = OperatorHarness.NAMESPACE;
  private static final String SUCCESS_RATIO = "embedding_success_ratio";
  private static final String REQUESTS = "embedding_requests_5m";
  private static final double HEALTHY = 0.99;
  private static final String ENABLE_MONITORING = "ENABLE_EMBEDDING_MONITORING";
  private static final List<String> PIPELINES = List.of("observed", "quiet", "frozen");
  private static final String SUCCESS_TRIGGER = """
      - name: embeddingSuccessRate
        query: 'embedding_success_ratio{pipeline="{{pipeline}}",namespace="{{namespace}}"}'
        condition: {operator: LessThan, threshold: 0.85}
        for: 2s
        actions: [{type: DisableFlag, flag: embeddingMonitoring}]
      """;

  @RegisterExtension
  static final RealPrometheus prometheus = new RealPrometheus();

  private OperatorHarness k8s;

  @BeforeAll
  static void exposeHealthyMetrics() {
    for (String pipeline : PIPELINES) {
      successRatio(pipeline, HEALTHY);
      requests(pipeline, 1000);
    }
    prometheus.awaitSample("count(" + SUCCESS_RATIO + ")", PIPELINES.size());
    prometheus.awaitSample("count(" + REQUESTS + ")", PIPELINES.size());
  }

  @BeforeEach
  void start() {
    k8s = OperatorHarness.start(Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    k8s.close();
  }

  @Test
  void anObserveTriggerAnnouncesWhatItWouldDoAndChangesNothing() throws Exception {
    String name = "observed";
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      k8s.create(new SecretBuilder().withNewMetadata().withName("slack-webhook").endMetadata()
          .addToData("url", Base64.getEncoder().encodeToString(url.getBytes(StandardCharsets.UTF_8))).build());
      k8s.create(policy(name, "triggers:\n" + SUCCESS_TRIGGER.indent(2).replace("for: 2s", "for: 2s\n    mode: Observe")
          + "notifications:\n- type: Webhook\n  urlSecretRef: {name: slack-webhook, key: url}\n"));
      k8s.create(pipeline(name));
      TriggerStatus healthy = awaitTrigger(name, t -> Double.valueOf(HEALTHY).equals(t.value()));
      assertThat(healthy.mode()).isEqualTo(TriggerMode.Observe);
      await().untilAsserted(() -> assertThat(k8s.meters.find("maverick.trigger.observe.only")
          .tag("pipeline", name).gauge().value()).isEqualTo(1.0));

      successRatio(name, 0.5);

      await().untilAsserted(() -> assertThat(events(name, "Normal", WouldAct.REASON)).singleElement()
          .satisfies(e -> assertThat(e.getMessage()).isEqualTo("observe-only trigger embeddingSuccessRate would have"
              + " acted: DisableFlag: disabled flag embeddingMonitoring (value 0.5 LessThan 0.85 for 2s)")));
      await().untilAsserted(() -> assertThat(received).hasSize(1));
      JsonNode body = new ObjectMapper().readTree(received.get(0));
      assertThat(body.get("observe").asBoolean()).isTrue();
      assertThat(body.get("text").asText()).startsWith("[observe] maverick-operator: EmbeddingPipeline "
          + NAMESPACE + "/" + name + ": observe-only trigger embeddingSuccessRate would have acted");
      assertThat(wouldAct(name)).isEqualTo(1.0);

      k8s.awaitQueries(3);
      EmbeddingPipelineStatus status = k8s.pipeline(name).getStatus();
      assertThat(status.actions()).isEmpty();
      assertThat(status.overrides()).isEmpty();
      assertThat(flags(name)).containsEntry(ENABLE_MONITORING, "true");
      assertThat(received).as("once per streak").hasSize(1);
      assertThat(events(name, "Normal", WouldAct.REASON)).hasSize(1);
      assertThat(events(name, "Warning", "FlagDisabled")).isEmpty();
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void tooFewSamplesHoldTheTriggerUntilTrafficReturns() {
    String name = "quiet";
    k8s.create(policy(name, "onMetricsUnavailable: Rollback\nmetricsUnavailableGrace: 1s\ntriggers:\n"
        + SUCCESS_TRIGGER.indent(2).replace("for: 2s", """
            for: 2s
                minSamples:
                  query: 'embedding_requests_5m{pipeline="{{pipeline}}",namespace="{{namespace}}"}'
                  threshold: 100""")));
    k8s.create(pipeline(name));
    awaitTrigger(name, t -> Double.valueOf(HEALTHY).equals(t.value()));

    requests(name, 42);
    successRatio(name, 0.5);
    awaitTrigger(name, t -> "insufficient samples: 42 < 100".equals(t.error()) && Double.valueOf(0.5).equals(t.value()));
    k8s.awaitQueries(8);
    EmbeddingPipelineStatus quiet = k8s.pipeline(name).getStatus();
    assertThat(quiet.actions()).as("no breach on 42 requests, and quiet traffic is no outage").isEmpty();
    assertThat(trigger(quiet).breaching()).isFalse();
    assertThat(quiet.metricsUnavailableSince()).isNull();
    assertThat(flags(name)).containsEntry(ENABLE_MONITORING, "true");

    requests(name, 100);
    await().untilAsserted(() -> assertThat(k8s.pipeline(name).getStatus().actions()).singleElement()
        .satisfies(a -> assertThat(a.trigger()).isEqualTo("embeddingSuccessRate")));
    await().untilAsserted(() -> assertThat(flags(name)).containsEntry(ENABLE_MONITORING, "false"));
  }

  @Test
  void aFreezeHoldsTheStagesWhileTriggersStillAct() {
    String name = "frozen";
    Instant now = Instant.now();
    k8s.create(policy(name, """
        stages:
        - name: internal
          flags: [{name: embeddingMonitoring, rolloutPercentage: 10}]
          pause: 0s
        - name: all
          flags: [{name: embeddingMonitoring, rolloutPercentage: 100}]
          pause: 0s
        freeze:
        - {start: "%s", end: "%s", reason: release freeze}
        triggers:
        """.formatted(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1))) + SUCCESS_TRIGGER.indent(2)));
    k8s.create(pipeline(name));

    await().untilAsserted(() -> {
      EmbeddingPipelineStatus status = k8s.pipeline(name).getStatus();
      assertThat(status.stageSummary()).isEqualTo("internal (frozen)");
      assertThat(status.freeze().reason()).isEqualTo("release freeze");
      assertThat(events(name, "Normal", "Frozen")).singleElement()
          .satisfies(e -> assertThat(e.getMessage()).startsWith("promotions frozen until "));
    });
    awaitTrigger(name, t -> Double.valueOf(HEALTHY).equals(t.value()));
    k8s.awaitQueries(3);
    assertThat(k8s.pipeline(name).getStatus().stage().name()).isEqualTo("internal");

    successRatio(name, 0.5);
    await().untilAsserted(() -> assertThat(events(name, "Warning", "FlagDisabled")).hasSize(1));
    assertThat(k8s.pipeline(name).getStatus().stage().name()).isEqualTo("internal");

    k8s.edit(RolloutPolicy.class, name, p -> {
      p.setSpec(Serialization.unmarshal(Serialization.asJson(p.getSpec()).replaceAll(",?\"freeze\":\\[[^]]*]", ""),
          dev.maverick.api.RolloutPolicySpec.class));
      return p;
    });
    await().untilAsserted(() -> {
      assertThat(events(name, "Normal", "Unfrozen")).hasSize(1);
      assertThat(k8s.pipeline(name).getStatus().freeze()).isNull();
    });
  }

  private static void successRatio(String pipeline, double value) {
    prometheus.metrics().gauge(SUCCESS_RATIO, Map.of("pipeline", pipeline, "namespace", NAMESPACE), value);
  }

  private static void requests(String pipeline, double value) {
    prometheus.metrics().gauge(REQUESTS, Map.of("pipeline", pipeline, "namespace", NAMESPACE), value);
  }

  private static RolloutPolicy policy(String name, String rest) {
    String yaml = """
        apiVersion: maverick.dev/v1alpha1
        kind: RolloutPolicy
        metadata: {name: %s, namespace: %s}
        spec:
          prometheus: {url: "%s", timeout: 2s}
          interval: 1s
        """.formatted(name, NAMESPACE, prometheus.url()) + rest.indent(2);
    return Serialization.unmarshal(yaml, RolloutPolicy.class);
  }

  private static EmbeddingPipeline pipeline(String name) {
    EmbeddingPipeline pipeline = Fixtures.paperless();
    pipeline.getMetadata().setName(name);
    EmbeddingPipelineSpec s = pipeline.getSpec();
    pipeline.setSpec(new EmbeddingPipelineSpec(s.app(), s.worker(), s.featureFlags(), s.rateLimiting(),
        s.flagDelivery(), new LocalObjectRef(name), s.paused()));
    return pipeline;
  }

  private static TriggerStatus trigger(EmbeddingPipelineStatus status) {
    return status.triggers().get(0);
  }

  private TriggerStatus awaitTrigger(String name, java.util.function.Predicate<TriggerStatus> condition) {
    return await().until(() -> Optional.ofNullable(k8s.pipeline(name).getStatus())
        .map(EmbeddingPipelineStatus::triggers).filter(t -> !t.isEmpty()).map(t -> t.get(0)).orElse(null),
        t -> t != null && t.lastEvaluated() != null && condition.test(t));
  }

  private Map<String, String> flags(String name) {
    ConfigMap flags = k8s.get(ConfigMap.class, name + "-flags");
    return flags == null || flags.getData() == null ? Map.of() : flags.getData();
  }

  private List<Event> events(String name, String type, String reason) {
    return k8s.client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()) && type.equals(e.getType())
            && reason.equals(e.getReason()))
        .toList();
  }

  private double wouldAct(String name) {
    Counter counter = k8s.meters.find("maverick.would.act").tag("pipeline", name).counter();
    return counter == null ? 0 : counter.count();
  }
}
