package dev.maverick.rollout;

import dev.maverick.prometheus.QueryResult;
import java.util.Map;

/**
 * The query results of one call to {@link RolloutEngine#step}: by trigger name and by gate name (of
 * the current stage), for exactly the queries {@link RolloutEngine#queriesDue} asked for, and the
 * answers of their {@code minSamples} queries (only for those that have one). Empty maps mean this
 * call is not an evaluation (e.g. a reconcile caused by a Deployment change).
 */
public record Readings(Map<String, QueryResult> triggers, Map<String, QueryResult> gates,
    Map<String, QueryResult> triggerSamples, Map<String, QueryResult> gateSamples) {
  private static final Readings NONE = new Readings(Map.of(), Map.of());

  public Readings {
    triggers = triggers == null ? Map.of() : Map.copyOf(triggers);
    gates = gates == null ? Map.of() : Map.copyOf(gates);
    triggerSamples = triggerSamples == null ? Map.of() : Map.copyOf(triggerSamples);
    gateSamples = gateSamples == null ? Map.of() : Map.copyOf(gateSamples);
  }

  /** Without minSamples answers. */
  public Readings(Map<String, QueryResult> triggers, Map<String, QueryResult> gates) {
    this(triggers, gates, Map.of(), Map.of());
  }

  public static Readings none() {
    return NONE;
  }
}
