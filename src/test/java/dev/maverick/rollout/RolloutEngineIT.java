package dev.maverick.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.maverick.api.ActionRecord;
import dev.maverick.api.ActionType;
import dev.maverick.api.AppSpec;
import dev.maverick.api.EffectiveFlag;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.Groups;
import dev.maverick.api.Phase;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.StageStatus;
import dev.maverick.api.TriggerMode;
import dev.maverick.api.TriggerStatus;
import dev.maverick.api.WorkerSpec;
import dev.maverick.status.Conditions;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.OperatorHarness;
import dev.maverick.testing.RealPrometheus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rollout engine inside the running operator (mock Kubernetes API) against a real Prometheus
 * scraping gauges the tests set (issue 3). The operator runs on the system clock, policies evaluate
 * every second with windows of a few seconds. Each test has its own pipeline (and series), so the
 * series are all exposed up front and one Prometheus serves the class.
 */
class RolloutEngineIT {
  private static final String NAMESPACE = OperatorHarness.NAMESPACE;
  private static final String SUCCESS_RATIO = "embedding_success_ratio";
  private static final String ERROR_RATIO = "embedding_error_ratio";
  private static final double HEALTHY_SUCCESS = 0.99;
  private static final double HEALTHY_ERRORS = 0.01;
  private static final String SUCCESS_TRIGGER = """
        - name: embeddingSuccessRate
          query: 'embedding_success_ratio{pipeline="{{pipeline}}",namespace="{{namespace}}"}'
          condition: {operator: LessThan, threshold: 0.85}
          for: %s
          actions: [{type: DisableFlag, flag: embeddingMonitoring}]
      """;
  private static final String ERROR_TRIGGER = """
        - name: systemErrorRate
          query: 'embedding_error_ratio{pipeline="{{pipeline}}",namespace="{{namespace}}"}'
          condition: {operator: GreaterThan, threshold: 0.1}
          for: %s
          actions: [{type: FullRollback}]
      """;
  private static final String ENABLE_MONITORING = "ENABLE_EMBEDDING_MONITORING";
  private static final List<String> PIPELINES = List.of("held-drop", "short-drop", "error-spike", "outage",
      "manual", "webhook", "reaction", "observed", "quiet", "frozen");
  /** Requests per pipeline over 5 minutes: the sample count of the minSamples test. */
  private static final String REQUESTS = "embedding_requests_5m";

  @RegisterExtension
  static final RealPrometheus prometheus = new RealPrometheus();

  /** Real time: the operator's evaluations must line up with the samples Prometheus takes. */
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().clock(Clock.systemUTC()).build();

  @BeforeAll
  static void exposeHealthyMetrics() {
    for (String pipeline : PIPELINES) {
      successRatio(pipeline, HEALTHY_SUCCESS);
      errorRatio(pipeline, HEALTHY_ERRORS);
    }
    prometheus.awaitSample("count(" + SUCCESS_RATIO + ")", PIPELINES.size());
    prometheus.awaitSample("count(" + ERROR_RATIO + ")", PIPELINES.size());
  }

  @Test
  void aSuccessRateDropHeldPastForDisablesTheFlagAndTheOverrideHolds() {
    String name = "held-drop";
    k8s.create(policy(name, "triggers:\n" + SUCCESS_TRIGGER.formatted("3s")));
    k8s.create(pipeline(name));
    awaitTrigger(name, "embeddingSuccessRate", t -> Double.valueOf(HEALTHY_SUCCESS).equals(t.value()));
    assertThat(flags(name)).containsEntry(ENABLE_MONITORING, "true");

    successRatio(name, 0.5);

    await().untilAsserted(() -> assertThat(flags(name)).containsEntry(ENABLE_MONITORING, "false"));
    await().untilAsserted(() -> assertThat(status(name).actions()).hasSize(1));
    ActionRecord action = status(name).actions().get(0);
    assertThat(action.trigger()).isEqualTo("embeddingSuccessRate");
    assertThat(action.type()).isEqualTo(ActionType.DisableFlag);
    assertThat(action.detail()).startsWith("disabled flag embeddingMonitoring (value 0.5 LessThan 0.85 for 3s)");
    // Events and metrics follow the status write that records the action
    await().untilAsserted(() -> {
      assertThat(warnings(name, "FlagDisabled")).singleElement()
          .satisfies(e -> assertThat(e.getMessage()).contains("DisableFlag by embeddingSuccessRate"));
      assertThat(actionsTaken(name, "embeddingSuccessRate", "DisableFlag")).isEqualTo(1.0);
    });

    successRatio(name, HEALTHY_SUCCESS);
    Instant recovered = Instant.parse(awaitTrigger(name, "embeddingSuccessRate",
        t -> Double.valueOf(HEALTHY_SUCCESS).equals(t.value()) && !t.breaching()).lastEvaluated());
    awaitEvaluations(name, 2);

    EmbeddingPipelineStatus status = status(name);
    assertThat(flags(name)).containsEntry(ENABLE_MONITORING, "false");
    assertThat(flag(status, "embeddingMonitoring").enabled()).isFalse();
    assertThat(status.memory().overrides()).singleElement().satisfies(o -> assertThat(o.trigger()).isEqualTo("embeddingSuccessRate"));
    assertThat(status.actions()).hasSize(1);
    assertThat(status.phase()).isEqualTo(Phase.Degraded);
    assertThat(warnings(name, "FlagDisabled")).hasSize(1);
    assertThat(actionsTaken(name, "embeddingSuccessRate", "DisableFlag")).isEqualTo(1.0);
  }

  @Test
  void aDropShorterThanForDoesNothing() {
    String name = "short-drop";
    // the breach below lasts a few evaluations, far less than the window
    k8s.create(policy(name, "triggers:\n" + SUCCESS_TRIGGER.formatted("1m")));
    k8s.create(pipeline(name));
    awaitTrigger(name, "embeddingSuccessRate", t -> Double.valueOf(HEALTHY_SUCCESS).equals(t.value()));

    successRatio(name, 0.5);
    TriggerStatus breaching = awaitTrigger(name, "embeddingSuccessRate", t -> Boolean.TRUE.equals(t.breaching()));
    Instant since = Instant.parse(breaching.breachingSince());
    awaitEvaluations(name, 2);
    TriggerStatus stillBreaching = trigger(status(name), "embeddingSuccessRate");
    assertThat(stillBreaching.breaching()).isTrue();
    assertThat(stillBreaching.value()).isEqualTo(0.5);
    assertThat(stillBreaching.breachingSince()).isEqualTo(breaching.breachingSince());

    successRatio(name, HEALTHY_SUCCESS);
    TriggerStatus reset = awaitTrigger(name, "embeddingSuccessRate", t -> Boolean.FALSE.equals(t.breaching()));
    assertThat(reset.value()).isEqualTo(HEALTHY_SUCCESS);
    assertThat(reset.breachingSince()).isNull();

    EmbeddingPipelineStatus status = status(name);
    assertThat(status.actions()).isEmpty();
    assertThat(status.memory().overrides()).isEmpty();
    assertThat(flags(name)).containsEntry(ENABLE_MONITORING, "true");
    assertThat(warnings(name, "FlagDisabled")).isEmpty();
    assertThat(actionsTaken(name, "embeddingSuccessRate", "DisableFlag")).isZero();
  }

  @Test
  void anErrorRateSpikeRollsBackToTheStableImages() {
    String name = "error-spike";
    k8s.create(policy(name, "stableAfter: 2s\ntriggers:\n" + ERROR_TRIGGER.formatted("2s")));
    k8s.create(pipeline(name));
    k8s.awaitChild(Deployment.class, name + "-worker");
    k8s.rollOut(name + "-app");
    k8s.rollOut(name + "-worker");
    await().untilAsserted(() -> {
      var stable = status(name).stableRevision();
      assertThat(stable).isNotNull();
      assertThat(stable.appImage()).isEqualTo("registry.example/paperless-maverick:1.4.0");
      assertThat(stable.workerImage()).isEqualTo("registry.example/embedding-worker:1.4.0");
    });
    // from here on no revision becomes stable: the rollback must go back to 1.4.0, whatever the timing
    long policyGeneration = k8s.edit(RolloutPolicy.class, name, p -> {
      RolloutPolicySpec s = p.getSpec();
      p.setSpec(new RolloutPolicySpec(s.prometheus(), s.interval(), s.onMetricsUnavailable(),
          s.metricsUnavailableGrace(), "1h", s.stages(), s.triggers(), s.notifications()));
      return p;
    }).getMetadata().getGeneration();
    await().until(() -> Long.valueOf(policyGeneration).equals(k8s.policy(name).getStatus().observedGeneration()));

    k8s.edit(EmbeddingPipeline.class, name, p -> {
      EmbeddingPipelineSpec s = p.getSpec();
      AppSpec app = s.app();
      WorkerSpec worker = s.worker();
      p.setSpec(new EmbeddingPipelineSpec(
          app.withImage("registry.example/paperless-maverick:1.5.0"),
          worker.withImage("registry.example/embedding-worker:1.5.0"),
          s.featureFlags(), s.rateLimiting(), s.flagDelivery(), s.rolloutPolicyRef(), s.paused()));
      return p;
    });
    await().untilAsserted(() -> {
      assertThat(image(name + "-app")).isEqualTo("registry.example/paperless-maverick:1.5.0");
      assertThat(image(name + "-worker")).isEqualTo("registry.example/embedding-worker:1.5.0");
    });
    k8s.rollOut(name + "-app");
    k8s.rollOut(name + "-worker");

    errorRatio(name, 0.5);

    await().untilAsserted(() -> {
      assertThat(image(name + "-app")).isEqualTo("registry.example/paperless-maverick:1.4.0");
      assertThat(image(name + "-worker")).isEqualTo("registry.example/embedding-worker:1.4.0");
    });
    await().untilAsserted(() -> assertThat(status(name).phase()).isEqualTo(Phase.RolledBack));
    EmbeddingPipelineStatus status = status(name);
    assertThat(status.actions()).singleElement().satisfies(a -> {
      assertThat(a.trigger()).isEqualTo("systemErrorRate");
      assertThat(a.type()).isEqualTo(ActionType.FullRollback);
      assertThat(a.detail()).startsWith("rolled back to the stable revision: app registry.example/paperless-maverick:1.4.0,"
          + " worker registry.example/embedding-worker:1.4.0, profile balanced");
    });
    assertThat(status.stableRevision().appImage()).isEqualTo("registry.example/paperless-maverick:1.4.0");
    assertThat(status.currentRevision().appImage()).isEqualTo("registry.example/paperless-maverick:1.4.0");
    await().untilAsserted(() -> {
      assertThat(warnings(name, "FullRollback")).singleElement()
          .satisfies(e -> assertThat(e.getMessage()).contains("FullRollback by systemErrorRate"));
      assertThat(actionsTaken(name, "systemErrorRate", "FullRollback")).isEqualTo(1.0);
    });
  }

  @Test
  void aPrometheusOutageLongerThanTheGraceHoldsThenRecovers() {
    String name = "outage";
    k8s.create(policy(name, "onMetricsUnavailable: Hold\nmetricsUnavailableGrace: 3s\ntriggers:\n"
        + ERROR_TRIGGER.formatted("1s")));
    k8s.create(pipeline(name));
    k8s.awaitChild(Deployment.class, name + "-worker");
    k8s.rollOut(name + "-app");
    k8s.rollOut(name + "-worker");
    await().untilAsserted(() -> {
      EmbeddingPipelineStatus status = status(name);
      assertThat(status.phase()).isEqualTo(Phase.Healthy);
      assertThat(Conditions.isTrue(status.conditions(), Conditions.METRICS_AVAILABLE)).isTrue();
      assertThat(trigger(status, "systemErrorRate").value()).isEqualTo(HEALTHY_ERRORS);
    });
    Map<String, String> flagsBefore = flags(name);

    prometheus.stop();
    try {
      await().untilAsserted(() -> {
        EmbeddingPipelineStatus status = status(name);
        assertThat(status.phase()).isEqualTo(Phase.Degraded);
        assertThat(Conditions.find(status.conditions(), Conditions.METRICS_AVAILABLE)).hasValueSatisfying(c -> {
          assertThat(c.getStatus()).isEqualTo("False");
          assertThat(c.getReason()).isEqualTo("MetricsUnavailable");
        });
        TriggerStatus trigger = trigger(status, "systemErrorRate");
        assertThat(trigger.error()).isNotBlank();
        assertThat(trigger.value()).isNull();
        assertThat(trigger.breaching()).isFalse();
      });
      EmbeddingPipelineStatus status = status(name);
      assertThat(status.actions()).isEmpty();
      assertThat(status.memory().overrides()).isEmpty();
      assertThat(flags(name)).isEqualTo(flagsBefore);
      assertThat(image(name + "-app")).isEqualTo("registry.example/paperless-maverick:1.4.0");
      assertThat(warnings(name, "FullRollback")).isEmpty();
      assertThat(k8s.meters.find("maverick.actions").tag("pipeline", name).counters()).isEmpty();
    } finally {
      prometheus.start();
    }

    await().untilAsserted(() -> {
      EmbeddingPipelineStatus status = status(name);
      assertThat(Conditions.isTrue(status.conditions(), Conditions.METRICS_AVAILABLE)).isTrue();
      assertThat(status.phase()).isEqualTo(Phase.Healthy);
      TriggerStatus trigger = trigger(status, "systemErrorRate");
      assertThat(trigger.error()).isNull();
      assertThat(trigger.value()).isEqualTo(HEALTHY_ERRORS);
    });
    assertThat(status(name).actions()).isEmpty();
  }

  @Test
  void manualControlsOnTheRunningOperator() {
    String name = "manual";
    k8s.create(policy(name, """
        stages:
        - name: internal
          flags: [{name: embeddingMonitoring, rolloutPercentage: 5}]
          pause: 1h
        - name: quarter
          flags: [{name: embeddingMonitoring, rolloutPercentage: 10}]
          pause: 1h
        """));
    k8s.create(pipeline(name));
    await().untilAsserted(() -> {
      assertThat(status(name).stage()).isNotNull().extracting(StageStatus::name).isEqualTo("internal");
      assertThat(flags(name)).containsEntry(ENABLE_MONITORING, "true").containsEntry("EMBEDDING_MONITORING_ROLLOUT_PERCENTAGE", "5");
    });

    annotate(name, Groups.ANNOTATION_ROLLBACK, "incident-42");
    await().untilAsserted(() -> assertThat(flags(name)).containsEntry(ENABLE_MONITORING, "false"));
    await().untilAsserted(() -> assertThat(status(name).actions()).hasSize(1));
    EmbeddingPipelineStatus rolledBack = status(name);
    assertThat(rolledBack.actions().get(0).trigger()).isEqualTo(RolloutEngine.MANUAL_ROLLBACK);
    assertThat(rolledBack.actions().get(0).type()).isEqualTo(ActionType.FullRollback);
    assertThat(rolledBack.phase()).isEqualTo(Phase.RolledBack);
    await().untilAsserted(() -> {
      assertThat(warnings(name, "ManualRollback")).hasSize(1);
      assertThat(actionsTaken(name, RolloutEngine.MANUAL_ROLLBACK, "FullRollback")).isEqualTo(1.0);
    });

    // the same value again, with another annotation so the pipeline is certainly reconciled
    annotate(name, Groups.ANNOTATION_ROLLBACK, "incident-42", "example.com/note", "same value again");
    awaitReconcilesAfterNow(3);
    assertThat(status(name).actions()).hasSize(1);
    assertThat(warnings(name, "ManualRollback")).hasSize(1);
    assertThat(actionsTaken(name, RolloutEngine.MANUAL_ROLLBACK, "FullRollback")).isEqualTo(1.0);

    annotate(name, Groups.ANNOTATION_RETRY, "after-fix");
    await().untilAsserted(() -> {
      EmbeddingPipelineStatus status = status(name);
      assertThat(status.memory().overrides()).isEmpty();
      assertThat(status.phase()).isNotEqualTo(Phase.RolledBack);
      assertThat(status.stage().index()).isZero();
      assertThat(flags(name)).containsEntry(ENABLE_MONITORING, "true").containsEntry("EMBEDDING_MONITORING_ROLLOUT_PERCENTAGE", "5");
    });
    String internalStartedAt = status(name).stage().startedAt();

    annotate(name, Groups.ANNOTATION_PROMOTE, "looks-good");
    await().untilAsserted(() -> {
      EmbeddingPipelineStatus status = status(name);
      assertThat(status.stage().index()).isEqualTo(1);
      assertThat(status.stage().name()).isEqualTo("quarter");
      assertThat(flags(name)).containsEntry("EMBEDDING_MONITORING_ROLLOUT_PERCENTAGE", "10");
    });
    assertThat(Instant.parse(status(name).stage().startedAt())).isAfter(Instant.parse(internalStartedAt));
    assertThat(status(name).actions()).hasSize(1);
  }

  /** The spec is the same again after the invalid edit: no new revision, so the rollback still holds. */
  @Test
  void anInvalidEditThatIsRevertedKeepsTheOverrides() {
    String name = "invalid-edit";
    k8s.create(policy(name, "stableAfter: 1h\n"));
    k8s.create(pipeline(name));
    await().untilAsserted(() -> assertThat(flags(name)).containsEntry(ENABLE_MONITORING, "true"));
    annotate(name, Groups.ANNOTATION_ROLLBACK, "incident-7");
    await().untilAsserted(() -> assertThat(status(name).phase()).isEqualTo(Phase.RolledBack));
    EmbeddingPipelineSpec valid = k8s.pipeline(name).getSpec();

    k8s.edit(EmbeddingPipeline.class, name, p -> {
      var flags = new ArrayList<>(valid.featureFlags());
      flags.add(flags.get(0));
      p.setSpec(new EmbeddingPipelineSpec(valid.app(), valid.worker(), flags, valid.rateLimiting(),
          valid.flagDelivery(), valid.rolloutPolicyRef(), valid.paused()));
      return p;
    });
    await().untilAsserted(() -> assertThat(status(name).phase()).isEqualTo(Phase.Invalid));
    k8s.edit(EmbeddingPipeline.class, name, p -> {
      p.setSpec(valid);
      return p;
    });

    await().untilAsserted(() -> {
      EmbeddingPipeline pipeline = k8s.pipeline(name);
      assertThat(pipeline.getStatus().observedGeneration()).isEqualTo(pipeline.getMetadata().getGeneration());
      assertThat(pipeline.getStatus().phase()).isNotEqualTo(Phase.Invalid);
    });
    EmbeddingPipelineStatus status = status(name);
    assertThat(status.phase()).isEqualTo(Phase.RolledBack);
    assertThat(status.memory().overrides()).singleElement()
        .satisfies(o -> assertThat(o.trigger()).isEqualTo(RolloutEngine.MANUAL_ROLLBACK));
    assertThat(flags(name)).containsEntry(ENABLE_MONITORING, "false");
  }

  @Test
  void anActionIsAnnouncedOnceToTheWebhook() throws IOException {
    String name = "webhook";
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = webhookReceiver(received);
    try {
      k8s.create(policy(name, "triggers:\n" + SUCCESS_TRIGGER.formatted("1s") + """
          notifications:
          - type: Webhook
            urlSecretRef: {name: slack-webhook, key: url}
          """));
      k8s.create(pipeline(name));
      awaitTrigger(name, "embeddingSuccessRate", t -> Double.valueOf(HEALTHY_SUCCESS).equals(t.value()));
      assertThat(received).isEmpty();

      successRatio(name, 0.5);
      await().untilAsserted(() -> assertThat(received).hasSize(1));
      // later evaluations (the metric still breaching) announce nothing more
      awaitEvaluations(name, 2);
      assertThat(received).hasSize(1);
      String text = new ObjectMapper().readTree(received.get(0)).get("text").asText();
      assertThat(text).contains(NAMESPACE + "/" + name).contains("DisableFlag").contains("embeddingSuccessRate");
    } finally {
      receiver.stop(0);
    }
  }

  /**
   * Issue 3 asks for the reaction delay: from a window's completion ({@code breachingSince + for})
   * to the action visible in the API (the flags ConfigMap changed, seen by a watch). Printed, not
   * asserted: it depends on the machine.
   */
  @Test
  void measuresTheReactionDelay() throws Exception {
    String name = "reaction";
    Duration window = Duration.ofSeconds(2);
    int trials = 4;
    k8s.create(policy(name, "triggers:\n" + SUCCESS_TRIGGER.formatted("2s")));
    k8s.create(pipeline(name));
    k8s.awaitChild(ConfigMap.class, name + "-flags");
    awaitTrigger(name, "embeddingSuccessRate", t -> Double.valueOf(HEALTHY_SUCCESS).equals(t.value()));

    record Observation(Instant at, String enabled) {}
    List<Observation> observed = new CopyOnWriteArrayList<>();
    List<Duration> delays = new ArrayList<>();
    try (Watch watch = k8s.client.configMaps().inNamespace(NAMESPACE).withName(name + "-flags").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap configMap) {
        observed.add(new Observation(Instant.now(), configMap.getData().get(ENABLE_MONITORING)));
      }

      @Override
      public void onClose(WatcherException cause) {}
    })) {
      successRatio(name, 0.5);
      for (int trial = 1; trial <= trials; trial++) {
        int from = observed.size();
        Observation disabled = await().pollInterval(Duration.ofMillis(10)).until(
            () -> observed.subList(from, observed.size()).stream().filter(o -> "false".equals(o.enabled())).findFirst(),
            Optional::isPresent).orElseThrow();
        int actionsSoFar = trial;
        await().until(() -> status(name).actions().size() == actionsSoFar);
        TriggerStatus trigger = trigger(status(name), "embeddingSuccessRate");
        Instant windowEnd = Instant.parse(trigger.breachingSince()).plus(window);
        delays.add(Duration.between(windowEnd, disabled.at()));

        if (trial < trials) {
          int beforeRetry = observed.size();
          annotate(name, Groups.ANNOTATION_RETRY, "trial-" + trial);
          await().pollInterval(Duration.ofMillis(10)).until(() -> observed.subList(beforeRetry, observed.size()).stream()
              .anyMatch(o -> "true".equals(o.enabled())));
        }
      }
    }

    List<Long> millis = delays.stream().map(Duration::toMillis).sorted().toList();
    long median = millis.size() % 2 == 1 ? millis.get(millis.size() / 2)
        : (millis.get(millis.size() / 2 - 1) + millis.get(millis.size() / 2)) / 2;
    Timer operatorDelay = k8s.meters.find("maverick.action.delay").tag("pipeline", name).timer();
    System.out.printf("Reaction delay (window complete -> flags ConfigMap changed, seen by a watch), %d trials:"
        + " median %d ms, max %d ms, all %s ms; operator's own maverick_action_delay_seconds: mean %.0f ms, max %.0f ms%n",
        millis.size(), median, millis.get(millis.size() - 1), millis, operatorDelay.mean(TimeUnit.MILLISECONDS),
        operatorDelay.max(TimeUnit.MILLISECONDS));
    assertThat(delays).hasSize(trials);
  }

  @Test
  void anObserveTriggerAnnouncesWhatItWouldDoAndChangesNothing() throws Exception {
    String name = "observed";
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = webhookReceiver(received);
    try {
      k8s.create(policy(name, "triggers:\n" + SUCCESS_TRIGGER.formatted("2s").replace("for: 2s", "for: 2s\n    mode: Observe")
          + "notifications:\n- type: Webhook\n  urlSecretRef: {name: slack-webhook, key: url}\n"));
      k8s.create(pipeline(name));
      TriggerStatus healthy = awaitTrigger(name, "embeddingSuccessRate", t -> Double.valueOf(HEALTHY_SUCCESS).equals(t.value()));
      assertThat(healthy.mode()).isEqualTo(TriggerMode.Observe);
      await().untilAsserted(() -> assertThat(k8s.pipelineGauge("maverick_trigger_observe_only", name)).isEqualTo(1.0));

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
      EmbeddingPipelineStatus status = status(name);
      assertThat(status.actions()).isEmpty();
      assertThat(status.memory().overrides()).isEmpty();
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
        + SUCCESS_TRIGGER.formatted("2s").replace("for: 2s", """
            for: 2s
                minSamples:
                  query: 'embedding_requests_5m{pipeline="{{pipeline}}",namespace="{{namespace}}"}'
                  threshold: 100""")));
    requests(name, 1000);
    prometheus.awaitSample(REQUESTS + "{pipeline=\"" + name + "\"}", 1000);
    k8s.create(pipeline(name));
    awaitTrigger(name, "embeddingSuccessRate", t -> Double.valueOf(HEALTHY_SUCCESS).equals(t.value()));

    requests(name, 42);
    successRatio(name, 0.5);
    awaitTrigger(name, "embeddingSuccessRate", t -> "insufficient samples: 42 < 100".equals(t.error()) && Double.valueOf(0.5).equals(t.value()));
    k8s.awaitQueries(8);
    EmbeddingPipelineStatus quiet = status(name);
    assertThat(quiet.actions()).as("no breach on 42 requests, and quiet traffic is no outage").isEmpty();
    assertThat(trigger(quiet, "embeddingSuccessRate").breaching()).isFalse();
    assertThat(quiet.memory().metricsUnavailableSince()).isNull();
    assertThat(flags(name)).containsEntry(ENABLE_MONITORING, "true");

    requests(name, 100);
    await().untilAsserted(() -> assertThat(status(name).actions()).singleElement()
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
        """.formatted(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1))) + SUCCESS_TRIGGER.formatted("2s")));
    k8s.create(pipeline(name));

    await().untilAsserted(() -> {
      EmbeddingPipelineStatus status = status(name);
      assertThat(status.stageSummary()).isEqualTo("internal (frozen)");
      assertThat(status.freeze().reason()).isEqualTo("release freeze");
      assertThat(events(name, "Normal", "Frozen")).singleElement()
          .satisfies(e -> assertThat(e.getMessage()).startsWith("promotions frozen until "));
    });
    awaitTrigger(name, "embeddingSuccessRate", t -> Double.valueOf(HEALTHY_SUCCESS).equals(t.value()));
    k8s.awaitQueries(3);
    assertThat(status(name).stage().name()).isEqualTo("internal");

    successRatio(name, 0.5);
    await().untilAsserted(() -> assertThat(events(name, "Warning", "FlagDisabled")).hasSize(1));
    assertThat(status(name).stage().name()).isEqualTo("internal");

    k8s.edit(RolloutPolicy.class, name, p -> {
      p.setSpec(Serialization.unmarshal(Serialization.asJson(p.getSpec()).replaceAll(",?\"freeze\":\\[[^]]*]", ""),
          dev.maverick.api.RolloutPolicySpec.class));
      return p;
    });
    await().untilAsserted(() -> {
      assertThat(events(name, "Normal", "Unfrozen")).hasSize(1);
      assertThat(status(name).freeze()).isNull();
    });
  }

  /** A webhook endpoint collecting POST bodies into {@code received}, its URL in the Secret slack-webhook. */
  private HttpServer webhookReceiver(List<String> received) throws IOException {
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", exchange -> {
      if ("POST".equals(exchange.getRequestMethod())) {
        received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    k8s.create(new SecretBuilder().withNewMetadata().withName("slack-webhook").endMetadata()
        .addToData("url", Base64.getEncoder().encodeToString(url.getBytes(StandardCharsets.UTF_8))).build());
    return receiver;
  }

  private static void successRatio(String pipeline, double value) {
    prometheus.metrics().gauge(SUCCESS_RATIO, Map.of("pipeline", pipeline, "namespace", NAMESPACE), value);
  }

  private static void errorRatio(String pipeline, double value) {
    prometheus.metrics().gauge(ERROR_RATIO, Map.of("pipeline", pipeline, "namespace", NAMESPACE), value);
  }

  /** A policy of the same name as the pipeline, on the real Prometheus, evaluating every second. */
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

  /** API.md's Paperless pipeline under another name, referring to the policy of the same name. */
  private static EmbeddingPipeline pipeline(String name) {
    return Fixtures.paperless(name, name);
  }

  /** The pipeline's status; the initial one until the operator first wrote it. */
  private EmbeddingPipelineStatus status(String name) {
    EmbeddingPipelineStatus status = k8s.pipeline(name).getStatus();
    return status == null ? EmbeddingPipelineStatus.initial() : status;
  }

  private Map<String, String> flags(String name) {
    ConfigMap flags = k8s.get(ConfigMap.class, name + "-flags");
    return flags == null || flags.getData() == null ? Map.of() : flags.getData();
  }

  private String image(String deployment) {
    return k8s.get(Deployment.class, deployment).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private static TriggerStatus trigger(EmbeddingPipelineStatus status, String trigger) {
    return Optional.ofNullable(status.triggers()).orElse(List.of()).stream()
        .filter(t -> t.name().equals(trigger)).findFirst()
        .orElseThrow(() -> new AssertionError("no status of trigger " + trigger + " in " + status.triggers()));
  }

  private static EffectiveFlag flag(EmbeddingPipelineStatus status, String flag) {
    return status.effective().flags().stream().filter(f -> f.name().equals(flag)).findFirst().orElseThrow();
  }

  /** Waits until the trigger's status satisfies {@code condition}; returns that status. */
  private TriggerStatus awaitTrigger(String name, String trigger, Predicate<TriggerStatus> condition) {
    return await().until(() -> Optional.ofNullable(status(name).triggers()).orElse(List.of()).stream()
        .filter(t -> t.name().equals(trigger)).findFirst().orElse(null),
        t -> t != null && t.lastEvaluated() != null && condition.test(t));
  }

  /** Waits for {@code evaluations} more evaluations of the pipeline's triggers, reflected in its status. */
  private void awaitEvaluations(String name, int evaluations) {
    k8s.awaitQueries(evaluations * Math.max(1, status(name).triggers().size()));
  }

  /** Waits until {@code count} reconciles finished after now: the last of them began after now. */
  private void awaitReconcilesAfterNow(int count) {
    double before = k8s.reconciliations();
    await().until(() -> k8s.reconciliations() >= before + count);
  }

  private void annotate(String name, String... keysAndValues) {
    k8s.edit(EmbeddingPipeline.class, name, p -> {
      Map<String, String> annotations = new HashMap<>(
          p.getMetadata().getAnnotations() == null ? Map.of() : p.getMetadata().getAnnotations());
      for (int i = 0; i < keysAndValues.length; i += 2) {
        annotations.put(keysAndValues[i], keysAndValues[i + 1]);
      }
      p.getMetadata().setAnnotations(annotations);
      return p;
    });
  }

  private List<Event> warnings(String name, String reason) {
    return k8s.client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType())
            && reason.equals(e.getReason()))
        .toList();
  }

  private static void requests(String pipeline, double value) {
    prometheus.metrics().gauge(REQUESTS, Map.of("pipeline", pipeline, "namespace", NAMESPACE), value);
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

  private double actionsTaken(String name, String trigger, String type) {
    Counter counter = k8s.meters.find("maverick.actions").tags("pipeline", name, "trigger", trigger, "type", type).counter();
    return counter == null ? 0 : counter.count();
  }
}
