package dev.maverick.api;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

public record AppPorts(@Min(1) @Max(65535) Integer http, @Min(1) @Max(65535) Integer metrics) {
  public static final AppPorts DEFAULT = new AppPorts(8080, 9090);

  public AppPorts {
    http = http == null ? 8080 : http;
    metrics = metrics == null ? 9090 : metrics;
  }
}
