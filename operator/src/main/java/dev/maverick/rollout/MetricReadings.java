package dev.maverick.rollout;

import dev.maverick.api.Gate;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.Trigger;
import dev.maverick.metrics.OperatorMetrics;
import dev.maverick.prometheus.PrometheusClient;
import dev.maverick.prometheus.PrometheusClients;
import dev.maverick.prometheus.QueryResult;
import dev.maverick.prometheus.QueryTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs the queries the engine asks for against the policy's Prometheus (the engine's I/O edge). */
public final class MetricReadings {
  private final PrometheusClients clients;
  private final OperatorMetrics metrics;
  private final Clock clock;

  public MetricReadings(PrometheusClients clients, OperatorMetrics metrics, Clock clock) {
    this.clients = clients;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Readings read(String pipeline, String namespace, RolloutPolicy policy, DueQueries due) {
    if (due.isEmpty()) {
      return Readings.none();
    }
    // built per evaluation, so a rotated bearer-token Secret takes effect (clients are cached)
    PrometheusClient client = clients.forPolicy(policy);
    Map<String, QueryResult> triggers = new LinkedHashMap<>();
    for (Trigger trigger : due.triggers()) {
      triggers.put(trigger.name(), query(client, policy, trigger.query(), pipeline, namespace));
    }
    Map<String, QueryResult> gates = new LinkedHashMap<>();
    for (Gate gate : due.gates()) {
      gates.put(gate.name(), query(client, policy, gate.query(), pipeline, namespace));
    }
    return new Readings(triggers, gates);
  }

  private QueryResult query(PrometheusClient client, RolloutPolicy policy, String template, String pipeline,
      String namespace) {
    Instant start = clock.instant();
    QueryResult result = client.query(QueryTemplate.render(template, pipeline, namespace));
    metrics.query(policy.getMetadata().getNamespace(), policy.getMetadata().getName(),
        Duration.between(start, clock.instant()), result instanceof QueryResult.Failure);
    return result;
  }
}
