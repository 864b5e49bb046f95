package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

public record WorkerPorts(
    @JsonPropertyDescription("Container port of the worker's health endpoints (Service port health); the probes use it. 1..65535, default 8080.")
    @Min(1) @Max(65535) Integer health,
    @JsonPropertyDescription(Descriptions.METRICS_PORT + " Default 9091.")
    @Min(1) @Max(65535) Integer metrics) {
  public static final WorkerPorts DEFAULT = new WorkerPorts(8080, 9091);

  public WorkerPorts {
    health = health == null ? 8080 : health;
    metrics = metrics == null ? 9091 : metrics;
  }
}
