package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

public record AppPorts(
    @JsonPropertyDescription("Container port of the API and UI (Service port http); the probes use it. 1..65535, default 8080.")
    @Min(1) @Max(65535) Integer http,
    @JsonPropertyDescription(Descriptions.METRICS_PORT + " Default 9090.")
    @Min(1) @Max(65535) Integer metrics) {
  public static final AppPorts DEFAULT = new AppPorts(8080, 9090);

  public AppPorts {
    http = http == null ? 8080 : http;
    metrics = metrics == null ? 9090 : metrics;
  }
}
