package dev.maverick.rollout;

import dev.maverick.api.Durations;
import dev.maverick.api.Gate;
import dev.maverick.api.MinSamples;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.Trigger;
import dev.maverick.metrics.OperatorMetrics;
import dev.maverick.prometheus.GroupedResult;
import dev.maverick.prometheus.PrometheusClient;
import dev.maverick.prometheus.PrometheusClients;
import dev.maverick.prometheus.QueryResult;
import dev.maverick.prometheus.QueryTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the queries the engine asks for against the policy's Prometheus (the engine's I/O edge).
 *
 * <p>A trigger or gate with a {@code batchQuery} is answered from one query per policy and interval
 * tick (ticks are the multiples of the policy's {@code interval} since the epoch), shared by all
 * pipelines of the policy: Prometheus sees one query per batch trigger per interval, however many
 * pipelines there are. A reading is therefore up to one interval old. A pipeline without a series
 * in the answer has no data; when the batch query fails, each pipeline runs its own {@code query}.
 * A {@code minSamples} query is run with its trigger's or gate's, batched the same way when it has
 * a {@code batchQuery}.
 */
public final class MetricReadings {
  /** The label a batch query's series carry the pipeline name in. */
  public static final String PIPELINE_LABEL = "pipeline";

  private static final Logger LOG = LoggerFactory.getLogger(MetricReadings.class);

  private final PrometheusClients clients;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final Map<BatchKey, CompletableFuture<GroupedResult>> batches = new ConcurrentHashMap<>();

  public MetricReadings(PrometheusClients clients, OperatorMetrics metrics, Clock clock) {
    this.clients = clients;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Readings read(String pipeline, String namespace, RolloutPolicy policy, DueQueries due) {
    return read(pipeline, namespace, policy, due, true);
  }

  /**
   * The readings of all the policy's triggers from the current tick's batch answers only: where a
   * batch query failed, the reading is that failure rather than the pipeline's own query, so that
   * checking resting pipelines costs no query per pipeline (a failure wakes the pipeline, whose
   * reconcile then runs its own queries).
   */
  public Readings readBatched(String pipeline, String namespace, RolloutPolicy policy) {
    return read(pipeline, namespace, policy, new DueQueries(policy.getSpec().triggers(), List.of()), false);
  }

  private Readings read(String pipeline, String namespace, RolloutPolicy policy, DueQueries due, boolean ownQueries) {
    if (due.isEmpty()) {
      return Readings.none();
    }
    // built per evaluation, so a rotated bearer-token Secret takes effect (clients are cached)
    PrometheusClient client = clients.forPolicy(policy);
    Map<String, QueryResult> triggers = new LinkedHashMap<>();
    Map<String, QueryResult> triggerSamples = new LinkedHashMap<>();
    for (Trigger trigger : due.triggers()) {
      triggers.put(trigger.name(), reading(client, policy, trigger.batchQuery(), trigger.query(), pipeline, namespace,
          ownQueries));
      samples(client, policy, trigger.minSamples(), pipeline, namespace, ownQueries)
          .ifPresent(result -> triggerSamples.put(trigger.name(), result));
    }
    Map<String, QueryResult> gates = new LinkedHashMap<>();
    Map<String, QueryResult> gateSamples = new LinkedHashMap<>();
    for (Gate gate : due.gates()) {
      gates.put(gate.name(), reading(client, policy, gate.batchQuery(), gate.query(), pipeline, namespace, ownQueries));
      samples(client, policy, gate.minSamples(), pipeline, namespace, ownQueries)
          .ifPresent(result -> gateSamples.put(gate.name(), result));
    }
    return new Readings(triggers, gates, triggerSamples, gateSamples);
  }

  /** The sample count of a reading with {@code minSamples}, batched like the main query. */
  private Optional<QueryResult> samples(PrometheusClient client, RolloutPolicy policy, MinSamples minSamples,
      String pipeline, String namespace, boolean ownQueries) {
    return Optional.ofNullable(minSamples)
        .map(m -> reading(client, policy, m.batchQuery(), m.query(), pipeline, namespace, ownQueries));
  }

  /** From the batch answer when there is one; else, with {@code ownQueries}, from the pipeline's own query. */
  private QueryResult reading(PrometheusClient client, RolloutPolicy policy, String batchQuery, String query,
      String pipeline, String namespace, boolean ownQueries) {
    GroupedResult answer = new GroupedResult.Failure("no batchQuery");
    if (batchQuery != null && !batchQuery.isBlank()) {
      // {{pipeline}} is rejected by the validator; rendering it with "" keeps a stray one harmless
      answer = batch(client, policy, QueryTemplate.render(batchQuery, "", namespace));
      if (answer instanceof GroupedResult.Groups groups) {
        return groups.byLabel().getOrDefault(pipeline, new QueryResult.NoData(
            "the batch query returned no series with " + PIPELINE_LABEL + "=\"" + pipeline + "\""));
      }
    }
    if (!ownQueries) {
      return new QueryResult.Failure(((GroupedResult.Failure) answer).message());
    }
    return query(client, policy, QueryTemplate.render(query, pipeline, namespace));
  }

  /** The answer of {@code promql} for the current tick: the first caller runs it, the others wait for it. */
  private GroupedResult batch(PrometheusClient client, RolloutPolicy policy, String promql) {
    Duration interval = Durations.parse(policy.getSpec().interval());
    if (interval.isZero()) {
      return new GroupedResult.Failure("no interval to share the answer over");
    }
    long now = clock.millis();
    long tickStart = IntervalTicks.start(now, interval);
    var meta = policy.getMetadata();
    BatchKey key = new BatchKey(meta.getNamespace(), meta.getName(), meta.getUid(), policy.getSpec().prometheus(),
        promql, tickStart, tickStart + interval.toMillis());
    CompletableFuture<GroupedResult> mine = new CompletableFuture<>();
    CompletableFuture<GroupedResult> running = batches.putIfAbsent(key, mine);
    if (running != null) {
      return running.join();
    }
    batches.keySet().removeIf(k -> k.tickEnd() <= now);
    GroupedResult result = new GroupedResult.Failure("the batch query did not complete");
    Instant start = clock.instant();
    try {
      result = client.queryGrouped(promql, PIPELINE_LABEL);
    } finally {
      mine.complete(result); // waiters never hang, whatever happens
    }
    boolean failed = result instanceof GroupedResult.Failure;
    metrics.query(meta.getNamespace(), meta.getName(), Duration.between(start, clock.instant()), failed);
    if (result instanceof GroupedResult.Failure failure) {
      LOG.warn("Batch query of RolloutPolicy {}/{} failed, each pipeline runs its own query until the next interval: {}",
          meta.getNamespace(), meta.getName(), failure.message());
    }
    return result;
  }

  private QueryResult query(PrometheusClient client, RolloutPolicy policy, String promql) {
    Instant start = clock.instant();
    QueryResult result = client.query(promql);
    metrics.query(policy.getMetadata().getNamespace(), policy.getMetadata().getName(),
        Duration.between(start, clock.instant()), result instanceof QueryResult.Failure);
    return result;
  }

  /** One batch answer: a policy (its uid and Prometheus), a rendered query and a tick [start, end) in epoch millis. */
  private record BatchKey(String namespace, String policy, String uid, PrometheusSpec prometheus, String promql,
      long tickStart, long tickEnd) {}
}
