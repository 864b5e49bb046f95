package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** HTTP probe paths, served on the component's http (app) or health (worker) port. */
public record Probes(
    @JsonPropertyDescription("HTTP path of the liveness probe, starting with /; at most 1024 characters. Default /health.")
    @Size(max = 1024)
    @Pattern("^/.*") String livenessPath,
    @JsonPropertyDescription("HTTP path of the readiness probe, starting with /; at most 1024 characters. Default /ready.")
    @Size(max = 1024)
    @Pattern("^/.*") String readinessPath) {
  public static final Probes DEFAULT = new Probes("/health", "/ready");

  public Probes {
    livenessPath = livenessPath == null ? "/health" : livenessPath;
    readinessPath = readinessPath == null ? "/ready" : readinessPath;
  }
}
