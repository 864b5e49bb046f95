package dev.maverick.api;

import io.fabric8.generator.annotation.Pattern;

/** HTTP probe paths, served on the component's http (app) or health (worker) port. */
public record Probes(@Pattern("^/.*") String livenessPath, @Pattern("^/.*") String readinessPath) {
  public static final Probes DEFAULT = new Probes("/health", "/ready");

  public Probes {
    livenessPath = livenessPath == null ? "/health" : livenessPath;
    readinessPath = readinessPath == null ? "/ready" : readinessPath;
  }
}
