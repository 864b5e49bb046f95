package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.Groups;
import dev.maverick.api.Phase;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.demo.SimulatedKubelet;
import dev.maverick.pipeline.PipelineHealth;
import dev.maverick.pipeline.PipelineModel;
import dev.maverick.pipeline.PipelineValidator;
import dev.maverick.prometheus.QueryResult;
import dev.maverick.rollout.Readings;
import dev.maverick.rollout.RolloutEngine;
import dev.maverick.rollout.RolloutStep;
import dev.maverick.status.Conditions;
import dev.maverick.status.Health;
import dev.maverick.testing.Fixtures;
import dev.maverick.testing.MutableClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11.3, API.md "Every tool reports the same health": for every phase and every action in
 * force, Argo CD (deploy/argocd/health.lua run with lua5.4), kstatus (Flux, Helm 4 {@code --wait};
 * its documented rules, below) and {@code kubectl wait --for=condition=Ready} give the same answer.
 * The statuses come from the real rollout engine and {@link PipelineHealth}, not from written YAML.
 */
class HealthAgreementTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  /** One answer of the three tools; {@code reason} is the Stalled reason when stalled. */
  record Agreement(String argoCd, String kstatus, boolean ready) {}

  private static final Agreement HEALTHY = new Agreement("Healthy", "Current", true);
  private static final Agreement PROGRESSING = new Agreement("Progressing", "InProgress", false);
  private static final Agreement FAILED = new Agreement("Degraded", "Failed", false);

  static Stream<Arguments> rows() {
    return Stream.of(
        row("Pending: no Deployment reported yet", PROGRESSING, null, () -> new Run(noTriggers()).notReported().reconcile()),
        row("Progressing: Deployments rolling out", PROGRESSING, null, () -> new Run(noTriggers()).rollingOut().reconcile()),
        row("Progressing: stages running, rolled out", HEALTHY, null,
            () -> new Run(policy("stages: [{name: canary, pause: 1h}]")).reconcile()),
        row("Healthy", HEALTHY, null, () -> new Run(noTriggers()).reconcile()),
        row("Healthy, paused (Argo CD: Suspended)", new Agreement("Suspended", "Current", true), null,
            () -> new Run(noTriggers()).paused().reconcile()),
        row("DisableFlag in force", FAILED, PipelineHealth.REASON_ACTION_IN_FORCE,
            () -> breach("{type: DisableFlag, flag: embeddingMonitoring}")),
        row("SetFlagPercentage in force", FAILED, PipelineHealth.REASON_ACTION_IN_FORCE,
            () -> breach("{type: SetFlagPercentage, flag: embeddingMonitoring, percentage: 5}")),
        row("SetRateLimitProfile in force", FAILED, PipelineHealth.REASON_ACTION_IN_FORCE,
            () -> breach("{type: SetRateLimitProfile, profile: conservative}")),
        row("ScaleWorkers in force", FAILED, PipelineHealth.REASON_ACTION_IN_FORCE,
            () -> breach("{type: ScaleWorkers, replicas: 0}")),
        row("RevertImages in force", FAILED, PipelineHealth.REASON_ROLLED_BACK, () -> breach("{type: RevertImages}")),
        row("FullRollback in force", FAILED, PipelineHealth.REASON_ROLLED_BACK, () -> breach("{type: FullRollback}")),
        row("ManualRollback in force", FAILED, PipelineHealth.REASON_ROLLED_BACK,
            () -> new Run(noTriggers()).reconcile().annotate(Groups.ANNOTATION_ROLLBACK, "1").reconcile()),
        row("metrics unavailable, Hold: stays Ready", HEALTHY, null,
            () -> new Run(policy("onMetricsUnavailable: Hold\nmetricsUnavailableGrace: 0s\n" + trigger("{type: FullRollback}")))
                .reading(new QueryResult.NoData("empty result")).reconcile()),
        row("metrics unavailable, Rollback: FullRollback in force", FAILED, PipelineHealth.REASON_ROLLED_BACK,
            () -> new Run(policy("onMetricsUnavailable: Rollback\nmetricsUnavailableGrace: 0s\n"
                + trigger("{type: DisableFlag, flag: embeddingMonitoring}")))
                .reading(new QueryResult.NoData("empty result")).reconcile()),
        row("FullRollback cleared by the retry annotation", HEALTHY, null,
            () -> breach("{type: FullRollback}").reading(new QueryResult.Value(0.0))
                .annotate(Groups.ANNOTATION_RETRY, "1").reconcile()),
        row("DisableFlag cleared by a new revision", HEALTHY, null,
            () -> breach("{type: DisableFlag, flag: embeddingMonitoring}").reading(new QueryResult.Value(0.0))
                .newRevision().reconcile()),
        // kubectl wait reads the Ready condition stored for the previous generation
        row("new revision not yet observed", new Agreement("Progressing", "InProgress", true), null,
            () -> new Run(noTriggers()).reconcile().newRevision()),
        row("Invalid spec", FAILED, "InvalidSpec", HealthAgreementTest::invalid),
        row("RolloutPolicy not found", PROGRESSING, null,
            () -> new Run(noTriggers()).withHealth(Phase.Pending, Health.inProgress("RolloutPolicyNotFound", "not found"))),
        row("child name taken", FAILED, "ChildConflict",
            () -> new Run(noTriggers()).withHealth(Phase.Degraded, Health.stalled("ChildConflict", "taken"))),
        row("reconcile error, retrying", PROGRESSING, null,
            () -> new Run(noTriggers()).reconcile().withHealth(Phase.Healthy, Health.inProgress("ReconcileError", "retrying"))));
  }

  private static Arguments row(String name, Agreement expected, String stalledReason, Supplier<Run> run) {
    return Arguments.of(name, expected, stalledReason, run);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void argoCdKstatusAndReadyAgree(String name, Agreement expected, String stalledReason,
      Supplier<Run> run, @TempDir Path dir) throws IOException {
    EmbeddingPipeline pipeline = run.get().pipeline;
    List<Condition> conditions = pipeline.getStatus().conditions();

    Path fixture = dir.resolve("object.lua");
    Files.writeString(fixture, "return " + lua(JSON.convertValue(pipeline, JsonNode.class)) + "\n");
    ArgoCdHealthTest.Health argo = ArgoCdHealthTest.healthOf(fixture);

    assertThat(new Agreement(argo.status(), kstatus(pipeline), Conditions.isTrue(conditions, Conditions.READY)))
        .as(name + ": conditions " + conditions + ", Argo CD message " + argo.message())
        .isEqualTo(expected);
    if (stalledReason != null) {
      Condition stalled = Conditions.find(conditions, Conditions.STALLED).orElseThrow();
      assertThat(stalled.getReason()).isEqualTo(stalledReason);
      assertThat(argo.message()).contains(stalled.getMessage());
      Optional.ofNullable(pipeline.getStatus().actions()).filter(a -> !a.isEmpty()).ifPresent(actions ->
          assertThat(stalled.getMessage()).as("the action's detail").contains(actions.get(actions.size() - 1).detail()));
    } else {
      assertThat(Conditions.isTrue(conditions, Conditions.STALLED)).isFalse();
    }
  }

  /**
   * kstatus's documented rules for a custom resource (sigs.k8s.io/cli-utils/pkg/kstatus README):
   * observedGeneration not equal to generation: InProgress; then Reconciling=True: InProgress; then
   * Stalled=True: Failed; otherwise Current. It never reads Ready.
   */
  static String kstatus(EmbeddingPipeline pipeline) {
    var status = pipeline.getStatus();
    if (status.observedGeneration() != null && !status.observedGeneration().equals(pipeline.getMetadata().getGeneration())) {
      return "InProgress";
    }
    if (Conditions.isTrue(status.conditions(), Conditions.RECONCILING)) {
      return "InProgress";
    }
    return Conditions.isTrue(status.conditions(), Conditions.STALLED) ? "Failed" : "Current";
  }

  /** The pipeline after a trigger breached at once and took {@code action}. */
  private static Run breach(String action) {
    // a first clean evaluation makes the revision stable (stableAfter: 0s), then the trigger breaches
    return new Run(policy("stableAfter: 0s\n" + trigger(action))).reading(new QueryResult.Value(0.0)).reconcile()
        .later().reading(new QueryResult.Value(0.5)).reconcile();
  }

  private static Run invalid() {
    EmbeddingPipeline pipeline = Fixtures.paperless();
    pipeline.getMetadata().setGeneration(1L);
    EmbeddingPipelineSpec spec = pipeline.getSpec();
    var flags = Stream.concat(spec.featureFlags().stream(), spec.featureFlags().stream().limit(1)).toList();
    EmbeddingPipelineSpec duplicate = new EmbeddingPipelineSpec(spec.app(), spec.worker(), flags, spec.rateLimiting(),
        spec.flagDelivery(), spec.rolloutPolicyRef(), spec.paused());
    List<String> problems = PipelineValidator.validate(pipeline.getMetadata().getName(), duplicate);
    assertThat(problems).isNotEmpty();
    pipeline.setSpec(duplicate);
    return new Run(noTriggers(), pipeline).withHealth(Phase.Invalid, Health.stalled("InvalidSpec", String.join("; ", problems)));
  }

  private static String noTriggers() {
    return "{}";
  }

  private static String trigger(String action) {
    return """
        triggers:
        - name: errorRate
          query: 'errors{pipeline="{{pipeline}}"}'
          condition: {operator: GreaterThan, threshold: 0.1}
          for: 0s
          actions: [%s]
        """.formatted(action);
  }

  private static RolloutPolicy policy(String spec) {
    String body = spec.equals("{}") ? "" : spec.indent(2);
    return Serialization.unmarshal("""
        apiVersion: maverick.dev/v1alpha1
        kind: RolloutPolicy
        metadata: {name: standard-rollout, namespace: paperless-maverick}
        spec:
          prometheus: {url: "http://127.0.0.1:9"}
        %s""".formatted(body), RolloutPolicy.class);
  }

  /** Reconciles as EmbeddingPipelineReconciler does, with the Deployments the test sets. */
  private static final class Run {
    final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
    final RolloutEngine engine = new RolloutEngine(clock, PipelineModel::flagsHash);
    final RolloutPolicy policy;
    final EmbeddingPipeline pipeline;
    Deployment app = rolledOut("paperless-maverick-app");
    Deployment worker = rolledOut("paperless-maverick-worker");
    QueryResult reading = new QueryResult.Value(0.0);

    Run(String policySpec) {
      this(policy(policySpec), Fixtures.paperlessUsing("standard-rollout"));
    }

    Run(RolloutPolicy policy) {
      this(policy, Fixtures.paperlessUsing("standard-rollout"));
    }

    Run(String policySpec, EmbeddingPipeline pipeline) {
      this(policy(policySpec), pipeline);
    }

    Run(RolloutPolicy policy, EmbeddingPipeline pipeline) {
      this.policy = policy;
      this.pipeline = pipeline;
      pipeline.getMetadata().setGeneration(Optional.ofNullable(pipeline.getMetadata().getGeneration()).orElse(1L));
      pipeline.getMetadata().setUid("uid-1");
    }

    Run notReported() {
      app = null;
      worker = null;
      return this;
    }

    Run rollingOut() {
      app.getStatus().setReadyReplicas(1);
      return this;
    }

    Run paused() {
      EmbeddingPipelineSpec spec = pipeline.getSpec();
      pipeline.setSpec(new EmbeddingPipelineSpec(spec.app(), spec.worker(), spec.featureFlags(), spec.rateLimiting(),
          spec.flagDelivery(), spec.rolloutPolicyRef(), true));
      return this;
    }

    Run reading(QueryResult result) {
      reading = result;
      return this;
    }

    Run later() {
      clock.advance(Duration.ofMinutes(1));
      return this;
    }

    Run annotate(String key, String value) {
      Map<String, String> annotations = new HashMap<>(Optional.ofNullable(pipeline.getMetadata().getAnnotations()).orElse(Map.of()));
      annotations.put(key, value);
      pipeline.getMetadata().setAnnotations(annotations);
      return this;
    }

    /** A user's edit: a new image and generation. */
    Run newRevision() {
      EmbeddingPipelineSpec spec = pipeline.getSpec();
      var app = spec.app();
      pipeline.setSpec(new EmbeddingPipelineSpec(app.withImage("registry.example/paperless-maverick:1.5.0"),
          spec.worker(), spec.featureFlags(), spec.rateLimiting(), spec.flagDelivery(), spec.rolloutPolicyRef(),
          spec.paused()));
      pipeline.getMetadata().setGeneration(pipeline.getMetadata().getGeneration() + 1);
      return this;
    }

    /** One reconcile: the due queries answered with {@link #reading}, the step, the observed status. */
    Run reconcile() {
      var due = engine.queriesDue(pipeline, policy);
      Map<String, QueryResult> triggers = due.triggers().stream()
          .collect(Collectors.toMap(dev.maverick.api.Trigger::name, t -> reading));
      boolean workloadsReady = app != null && worker != null && app.getStatus().getReadyReplicas() == 3;
      RolloutStep step = engine.step(pipeline, policy, new Readings(triggers, Map.of()), workloadsReady);
      long generation = pipeline.getMetadata().getGeneration();
      List<Condition> previous = pipeline.getStatus() == null ? null : pipeline.getStatus().conditions();
      pipeline.setStatus(PipelineHealth.observed(step, !policy.getSpec().triggers().isEmpty(), generation,
          clock.instant(), previous, app, worker, dev.maverick.pipeline.Integrations.NONE));
      return this;
    }

    /** The status the reconciler writes on its other paths (invalid, policy missing, conflict, error). */
    Run withHealth(Phase phase, Health health) {
      var previous = Optional.ofNullable(pipeline.getStatus()).orElse(dev.maverick.api.EmbeddingPipelineStatus.initial());
      long generation = pipeline.getMetadata().getGeneration();
      pipeline.setStatus(PipelineHealth.blocked(previous, generation, clock.instant(), health, phase));
      return this;
    }
  }

  private static Deployment rolledOut(String name) {
    return SimulatedKubelet.markRolledOut(new DeploymentBuilder()
        .withNewMetadata().withName(name).withGeneration(1L).endMetadata()
        .withNewSpec().withReplicas(3).endSpec()
        .build());
  }

  /** The JSON object as a Lua table constructor, as Argo CD hands it to the script. */
  static String lua(JsonNode value) {
    if (value.isObject()) {
      StringBuilder table = new StringBuilder("{");
      value.fields().forEachRemaining(f -> table.append("[").append(luaString(f.getKey())).append("]=")
          .append(lua(f.getValue())).append(","));
      return table.append("}").toString();
    }
    if (value.isArray()) {
      StringBuilder table = new StringBuilder("{");
      value.forEach(element -> table.append(lua(element)).append(","));
      return table.append("}").toString();
    }
    if (value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    return value.isNull() ? "nil" : luaString(value.asText());
  }

  private static String luaString(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
        quoted.append(String.format("\\x%02x", c));
      } else {
        quoted.append((char) c);
      }
    }
    return quoted.append('"').toString();
  }
}
