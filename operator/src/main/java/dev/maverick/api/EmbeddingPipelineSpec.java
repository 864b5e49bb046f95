package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

@JsonClassDescription("What the pipeline should run: the app and the worker, the feature flags, the rate-limit profile and the policy that rolls them out. The operator never writes it.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingPipelineSpec(
    @JsonPropertyDescription("The user-facing application (API and UI): Deployment, Service, PodDisruptionBudget and (with autoscaling) HPA <name>-app.")
    @Required AppSpec app,
    @JsonPropertyDescription("The embedding queue worker: Deployment, Service, PodDisruptionBudget and (with autoscaling) HPA <name>-worker.")
    @Required WorkerSpec worker,
    @JsonPropertyDescription("Boolean feature flags, rendered into the ConfigMap <name>-flags (flagd JSON and env keys); keyed by name, at most 128. Default none.")
    @Size(max = 128)
    List<FeatureFlag> featureFlags,
    @JsonPropertyDescription("The rate-limit profile rendered into the flags ConfigMap (RATE_LIMIT_* keys). Default profile balanced.")
    RateLimiting rateLimiting,
    @JsonPropertyDescription("How flag changes reach the pods. Default restartOnChange: true.")
    FlagDelivery flagDelivery,
    @JsonPropertyDescription("The RolloutPolicy in this namespace whose stages and triggers govern this pipeline. Optional: without it there are no stages and no automatic actions.")
    LocalObjectRef rolloutPolicyRef,
    @JsonPropertyDescription("true: no stage advances and no automatic action is taken. Default false.")
    Boolean paused,
    @JsonPropertyDescription("Optional monitoring children: ServiceMonitors and a PrometheusRule with one alert per trigger; created when the cluster serves monitoring.coreos.com/v1.")
    Monitoring monitoring,
    @JsonPropertyDescription("Optional NetworkPolicies <name>-app and <name>-worker: the app's http port open to all, the metrics ports to metricsFrom only.")
    PipelineNetworkPolicy networkPolicy) {

  public EmbeddingPipelineSpec {
    featureFlags = featureFlags == null ? List.of() : List.copyOf(featureFlags);
    rateLimiting = rateLimiting == null ? RateLimiting.DEFAULT : rateLimiting;
    flagDelivery = flagDelivery == null ? FlagDelivery.DEFAULT : flagDelivery;
    monitoring = monitoring == null ? Monitoring.NONE : monitoring;
    networkPolicy = networkPolicy == null ? PipelineNetworkPolicy.DISABLED : networkPolicy;
  }

  public EmbeddingPipelineSpec(AppSpec app, WorkerSpec worker, List<FeatureFlag> featureFlags,
      RateLimiting rateLimiting, FlagDelivery flagDelivery, LocalObjectRef rolloutPolicyRef, Boolean paused) {
    this(app, worker, featureFlags, rateLimiting, flagDelivery, rolloutPolicyRef, paused, null, null);
  }

  /** This spec with {@code paused} replaced. */
  public EmbeddingPipelineSpec withPaused(Boolean paused) {
    return new EmbeddingPipelineSpec(app, worker, featureFlags, rateLimiting, flagDelivery, rolloutPolicyRef, paused,
        monitoring, networkPolicy);
  }

  public boolean isPaused() {
    return Boolean.TRUE.equals(paused);
  }
}
