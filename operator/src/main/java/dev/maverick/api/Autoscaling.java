package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Autoscaling settings (an HPA, or for the worker optionally a KEDA ScaledObject). Present without {@code enabled} means enabled; absent means the operator owns the
 * replica count.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Autoscaling(
    @JsonPropertyDescription("false: no HPA, the operator sets the replica count to replicas.min. Default true when the autoscaling block is present.")
    Boolean enabled,
    @JsonPropertyDescription("Target average CPU utilization, percent of the CPU request, 1..100. Default 80.")
    @Min(1) @Max(100) Integer cpuUtilization,
    @JsonPropertyDescription("Target average memory utilization, percent of the memory request, 1..100. Default: not scaled on memory.")
    @Min(1) @Max(100) Integer memoryUtilization,
    @JsonPropertyDescription("Also scale on an External metric, the average queue depth per pod. Optional.")
    QueueDepth queueDepth,
    @JsonPropertyDescription("HPA scale-up stabilization window, seconds, 0..3600. Default 30.")
    @Min(0) @Max(3600) Integer scaleUpStabilizationSeconds,
    @JsonPropertyDescription("HPA scale-down stabilization window, seconds, 0..3600. Default 300.")
    @Min(0) @Max(3600) Integer scaleDownStabilizationSeconds,
    @JsonPropertyDescription("HPA (default) or KEDA (a keda.sh/v1alpha1 ScaledObject instead of the HPA; worker only)")
    AutoscalingEngine engine) {

  public static final Autoscaling DISABLED = new Autoscaling(false, null, null, null, null, null, null);

  public Autoscaling {
    enabled = enabled == null || enabled;
    cpuUtilization = cpuUtilization == null ? 80 : cpuUtilization;
    scaleUpStabilizationSeconds = scaleUpStabilizationSeconds == null ? 30 : scaleUpStabilizationSeconds;
    scaleDownStabilizationSeconds = scaleDownStabilizationSeconds == null ? 300 : scaleDownStabilizationSeconds;
    engine = engine == null ? AutoscalingEngine.HPA : engine;
  }

  public Autoscaling(Boolean enabled, Integer cpuUtilization, Integer memoryUtilization, QueueDepth queueDepth,
      Integer scaleUpStabilizationSeconds, Integer scaleDownStabilizationSeconds) {
    this(enabled, cpuUtilization, memoryUtilization, queueDepth, scaleUpStabilizationSeconds,
        scaleDownStabilizationSeconds, null);
  }

  public boolean isEnabled() {
    return enabled;
  }

  /** Enabled, with KEDA (a ScaledObject) rather than an HPA. */
  public boolean usesKeda() {
    return enabled && engine == AutoscalingEngine.KEDA;
  }
}
