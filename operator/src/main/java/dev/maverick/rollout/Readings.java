package dev.maverick.rollout;

import dev.maverick.prometheus.QueryResult;
import java.util.Map;

/**
 * The query results of one call to {@link RolloutEngine#step}: by trigger name and by gate name (of
 * the current stage), for exactly the queries {@link RolloutEngine#queriesDue} asked for. Empty maps
 * mean this call is not an evaluation (e.g. a reconcile caused by a Deployment change).
 */
public record Readings(Map<String, QueryResult> triggers, Map<String, QueryResult> gates) {
  private static final Readings NONE = new Readings(Map.of(), Map.of());

  public Readings {
    triggers = triggers == null ? Map.of() : Map.copyOf(triggers);
    gates = gates == null ? Map.of() : Map.copyOf(gates);
  }

  public static Readings none() {
    return NONE;
  }
}
