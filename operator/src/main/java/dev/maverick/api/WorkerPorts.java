package dev.maverick.api;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

public record WorkerPorts(@Min(1) @Max(65535) Integer health, @Min(1) @Max(65535) Integer metrics) {
  public static final WorkerPorts DEFAULT = new WorkerPorts(8080, 9091);

  public WorkerPorts {
    health = health == null ? 8080 : health;
    metrics = metrics == null ? 9091 : metrics;
  }
}
