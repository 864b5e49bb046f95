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
    Boolean paused) {

  public EmbeddingPipelineSpec {
    featureFlags = featureFlags == null ? List.of() : List.copyOf(featureFlags);
    rateLimiting = rateLimiting == null ? RateLimiting.DEFAULT : rateLimiting;
    flagDelivery = flagDelivery == null ? FlagDelivery.DEFAULT : flagDelivery;
  }

  public boolean isPaused() {
    return Boolean.TRUE.equals(paused);
  }
}
