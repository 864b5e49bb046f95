package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingPipelineSpec(
    @Required AppSpec app,
    @Required WorkerSpec worker,
    List<FeatureFlag> featureFlags,
    RateLimiting rateLimiting,
    FlagDelivery flagDelivery,
    LocalObjectRef rolloutPolicyRef,
    Boolean paused,
    Monitoring monitoring,
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
