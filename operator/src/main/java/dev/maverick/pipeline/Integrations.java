package dev.maverick.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * The children of other projects' APIs (KEDA, Prometheus Operator, OpenFeature) a pipeline asks for:
 * the condition IntegrationsAvailable is shown only when it asks for any.
 *
 * @param missing one line per kind whose API the cluster does not serve, e.g. "ServiceMonitor needs ..."
 */
public record Integrations(boolean wanted, List<String> missing) {
  public static final Integrations NONE = new Integrations(false, List.of());
  static final String NOT_SERVED = "ApiNotServed";

  public Integrations {
    missing = List.copyOf(missing);
  }

  /** The condition's message while children are skipped for a missing API. */
  public Optional<String> problem() {
    return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing)
        + ", which this cluster does not serve; those children are skipped and created once the API is installed");
  }
}
