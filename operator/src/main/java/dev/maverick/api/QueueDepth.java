package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * The queue depth the worker scales on: the target average per pod. The HPA engine reads it as the
 * External metric {@code metric}; the KEDA engine runs {@code query} on {@code serverAddress}.
 */
public record QueueDepth(
    @JsonPropertyDescription("HPA engine: the External metric's name, e.g. embedding_queue_depth; at most 253 characters.")
    @Size(max = 253) String metric,
    @JsonPropertyDescription("Target average value of the metric per pod, >= 1.")
    @Required @Min(1) Integer averageValue,
    @JsonPropertyDescription("KEDA engine: the prometheus trigger's PromQL ({{pipeline}} and {{namespace}} are filled in)")
    @Size(max = 8192) String query,
    @JsonPropertyDescription("KEDA engine: the Prometheus URL; default: the rollout policy's prometheus.url")
    @Pattern("^https?://.+") @Size(max = 2048) String serverAddress) {

  public QueueDepth(String metric, Integer averageValue) {
    this(metric, averageValue, null, null);
  }
}
