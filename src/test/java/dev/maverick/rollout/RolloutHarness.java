package dev.maverick.rollout;

import dev.maverick.testing.MutableClock;
import dev.maverick.api.Action;
import dev.maverick.api.ActionType;
import dev.maverick.api.AppSpec;
import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.FeatureFlag;
import dev.maverick.api.Gate;
import dev.maverick.api.MetricCondition;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RateLimiting;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.Stage;
import dev.maverick.api.StageFlag;
import dev.maverick.api.Trigger;
import dev.maverick.api.WorkerSpec;
import dev.maverick.prometheus.QueryResult;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Drives the engine like the reconciler does: ask what is due, answer those queries from
 * {@link #values}, step, write the status back. Time moves only through {@link #clock}.
 */
final class RolloutHarness {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final MutableClock clock = new MutableClock(START);
  RolloutEngine engine = new RolloutEngine(clock, RolloutHarness::hash);
  EmbeddingPipeline pipeline;
  RolloutPolicy policy;
  /** The current answer of each trigger's and gate's query, by name; unset means no data. */
  final Map<String, QueryResult> values = new HashMap<>();
  DueQueries lastDue;
  /** What the policy's other pipelines leave of its maxConcurrentRollouts. */
  RolloutSlots slots = RolloutSlots.unlimited();
  /** The app's Deployments as the step sees them (blue-green releases wait for them). */
  AppDeployments app = AppDeployments.none();

  RolloutHarness(EmbeddingPipelineSpec spec, RolloutPolicySpec policySpec) {
    pipeline = new EmbeddingPipeline();
    pipeline.setMetadata(new ObjectMetaBuilder().withName("paperless").withNamespace("docs")
        .withGeneration(1L).build());
    pipeline.setSpec(spec);
    if (policySpec != null) {
      policy = new RolloutPolicy();
      policy.setMetadata(new ObjectMetaBuilder().withName("standard-rollout").withNamespace("docs").build());
      policy.setSpec(policySpec);
    }
  }

  static String hash(EmbeddingPipeline pipeline, EffectiveRollout effective) {
    return hash(effective);
  }

  static String hash(EffectiveRollout effective) {
    return Integer.toHexString(Objects.hash(effective.flags(), effective.rateLimitProfile()));
  }

  RolloutHarness set(String name, double value) {
    values.put(name, new QueryResult.Value(value));
    return this;
  }

  RolloutHarness set(String name, QueryResult result) {
    values.put(name, result);
    return this;
  }

  /** One reconcile now: runs the due queries and steps. */
  RolloutStep tick() {
    lastDue = engine.queriesDue(pipeline, policy);
    Map<String, QueryResult> triggers = new LinkedHashMap<>();
    lastDue.triggers().forEach(t -> triggers.put(t.name(), answer(t.name())));
    Map<String, QueryResult> gates = new LinkedHashMap<>();
    lastDue.gates().forEach(g -> gates.put(g.name(), answer(g.name())));
    Map<String, QueryResult> triggerSamples = new LinkedHashMap<>();
    lastDue.triggers().stream().filter(t -> t.minSamples() != null)
        .forEach(t -> triggerSamples.put(t.name(), answer(samplesOf(t.name()))));
    Map<String, QueryResult> gateSamples = new LinkedHashMap<>();
    lastDue.gates().stream().filter(g -> g.minSamples() != null)
        .forEach(g -> gateSamples.put(g.name(), answer(samplesOf(g.name()))));
    RolloutStep step = engine.step(pipeline, policy, new Readings(triggers, gates, triggerSamples, gateSamples), true,
        slots, app);
    pipeline.setStatus(step.status());
    return step;
  }

  RolloutStep after(Duration duration) {
    clock.advance(duration);
    return tick();
  }

  RolloutStep afterSeconds(long seconds) {
    return after(Duration.ofSeconds(seconds));
  }

  /** The key in {@link #values} of the answer to a trigger's or gate's minSamples query. */
  static String samplesOf(String name) {
    return name + "#samples";
  }

  private QueryResult answer(String name) {
    return values.getOrDefault(name, new QueryResult.NoData("empty result"));
  }

  /** A new spec, as a user's edit: the generation goes up. */
  void edit(EmbeddingPipelineSpec spec) {
    pipeline.setSpec(spec);
    pipeline.getMetadata().setGeneration(pipeline.getMetadata().getGeneration() + 1);
  }

  void annotate(String annotation, String value) {
    Map<String, String> annotations = new HashMap<>(
        pipeline.getMetadata().getAnnotations() == null ? Map.of() : pipeline.getMetadata().getAnnotations());
    annotations.put(annotation, value);
    pipeline.getMetadata().setAnnotations(annotations);
  }

  /** As after an operator restart: the pipeline read back from JSON, a fresh engine. */
  void restartOperator() {
    pipeline = Serialization.unmarshal(Serialization.asJson(pipeline), EmbeddingPipeline.class);
    engine = new RolloutEngine(clock, RolloutHarness::hash);
  }

  /** A restart that re-reads only the status from JSON: cheaper, for long simulations. */
  void restartOperatorKeepingObjectMeta() {
    pipeline.setStatus(Serialization.unmarshal(Serialization.asJson(pipeline.getStatus()),
        EmbeddingPipelineStatus.class));
    engine = new RolloutEngine(clock, RolloutHarness::hash);
  }

  Instant now() {
    return clock.instant();
  }

  Instant at(long seconds) {
    return START.plusSeconds(seconds);
  }

  // ---- fixtures

  static FeatureFlag flag(String name, boolean enabled, int percentage) {
    return new FeatureFlag(name, enabled, percentage, null, null);
  }

  static EmbeddingPipelineSpec spec(String version, RateLimitProfile profile, FeatureFlag... flags) {
    return new EmbeddingPipelineSpec(
        new AppSpec("registry.example/app:" + version, null, null, null, null, null, null, null, null, null, null),
        new WorkerSpec("registry.example/worker:" + version, null, null, null, null, null, null, null, null, null),
        List.of(flags), new RateLimiting(profile, null), null, null, null);
  }

  static EmbeddingPipelineSpec paused(EmbeddingPipelineSpec spec, boolean paused) {
    return new EmbeddingPipelineSpec(spec.app(), spec.worker(), spec.featureFlags(), spec.rateLimiting(),
        spec.flagDelivery(), spec.rolloutPolicyRef(), paused);
  }

  static RolloutPolicySpec policy(MetricsUnavailablePolicy onUnavailable, String grace, String stableAfter,
      List<Stage> stages, Trigger... triggers) {
    return new RolloutPolicySpec(new PrometheusSpec("http://prometheus:9090", null, null, null), "30s",
        onUnavailable, grace, stableAfter, stages, List.of(triggers), null);
  }

  static RolloutPolicySpec policy(Trigger... triggers) {
    return policy(MetricsUnavailablePolicy.Hold, "5m", "10m", List.of(), triggers);
  }

  static Trigger trigger(String name, ComparisonOperator operator, double threshold, String forDuration,
      Action... actions) {
    return new Trigger(name, "q_" + name, new MetricCondition(operator, threshold), forDuration, List.of(actions));
  }

  static Stage stage(String name, String pause, List<StageFlag> flags, Gate... gates) {
    return new Stage(name, flags, pause, List.of(gates));
  }

  static Gate gate(String name, ComparisonOperator operator, double threshold) {
    return new Gate(name, "q_" + name, new MetricCondition(operator, threshold));
  }

  static Action disable(String flag) {
    return new Action(ActionType.DisableFlag, flag, null, null, null);
  }

  static Action percentage(String flag, int percentage) {
    return new Action(ActionType.SetFlagPercentage, flag, percentage, null, null);
  }

  static Action profile(RateLimitProfile profile) {
    return new Action(ActionType.SetRateLimitProfile, null, null, profile, null);
  }

  static Action scaleWorkers(int replicas) {
    return new Action(ActionType.ScaleWorkers, null, null, null, replicas);
  }

  static Action revertImages() {
    return new Action(ActionType.RevertImages, null, null, null, null);
  }

  static Action fullRollback() {
    return new Action(ActionType.FullRollback, null, null, null, null);
  }
}
