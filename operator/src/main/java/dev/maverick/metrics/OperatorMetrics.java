package dev.maverick.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The operator's own metrics (names as Prometheus shows them; README, "Metrics"):
 * {@code maverick_actions_total}, {@code maverick_trigger_value}, {@code maverick_trigger_breaching},
 * {@code maverick_trigger_observe_only}, {@code maverick_would_act_total},
 * {@code maverick_metrics_available}, {@code maverick_rollout_stage}, {@code maverick_leader},
 * {@code maverick_prometheus_query_duration_seconds}, {@code maverick_prometheus_query_errors_total},
 * {@code maverick_action_delay_seconds}, {@code maverick_child_syncs_total} and
 * {@code maverick_resting_evaluations_total}.
 */
public final class OperatorMetrics {
  private final MeterRegistry registry;
  private final PipelineGauges pipelines;
  private final AtomicReference<Double> leader = new AtomicReference<>(Double.NaN);

  public OperatorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.pipelines = PipelineGauges.of(registry);
  }

  public void actionTaken(String namespace, String pipeline, String trigger, String type) {
    Counter.builder("maverick.actions")
        .description("Automated and manual actions taken, by trigger and type")
        .tags("namespace", namespace, "pipeline", pipeline, "trigger", trigger, "type", type)
        .register(registry)
        .increment();
  }

  /** The delay from a trigger's window completing to its action being applied. */
  public void actionDelay(String namespace, String pipeline, String trigger, Duration delay) {
    Timer.builder("maverick.action.delay")
        .description("Delay from a trigger's for-window completing to its action being applied")
        .tags("namespace", namespace, "pipeline", pipeline, "trigger", trigger)
        .register(registry)
        .record(delay.isNegative() ? Duration.ZERO : delay);
  }

  /**
   * The last value and breaching state of a trigger; NaN while its metric is unavailable. Whether it is
   * observe-only is a gauge of its own, so that alerts on breaching can exclude such triggers with
   * {@code unless on (namespace, pipeline, trigger) maverick_trigger_observe_only == 1}.
   */
  public void trigger(String namespace, String pipeline, String trigger, Double value, boolean breaching,
      boolean observeOnly) {
    pipelines.trigger(namespace, pipeline, trigger, value, breaching, observeOnly);
  }

  /** An observe-only trigger's window completed: what it would have done was announced instead. */
  public void wouldAct(String namespace, String pipeline, String trigger) {
    Counter.builder("maverick.would.act")
        .description("Windows of observe-only triggers that completed: the actions they would have taken")
        .tags("namespace", namespace, "pipeline", pipeline, "trigger", trigger)
        .register(registry)
        .increment();
  }

  public void metricsAvailable(String namespace, String pipeline, boolean available) {
    pipelines.metricsAvailable(namespace, pipeline, available);
  }

  public void stage(String namespace, String pipeline, int index) {
    pipelines.stage(namespace, pipeline, index);
  }

  /** 1 while this instance leads (or runs without leader election), 0 while it stands by. */
  public void leader(boolean leading) {
    if (leader.getAndSet(leading ? 1.0 : 0.0).isNaN()) {
      Gauge.builder("maverick.leader", leader, AtomicReference::get)
          .description("1 while this operator instance holds the leader lease and reconciles, 0 while it stands by")
          .strongReference(true).register(registry);
    }
  }

  /**
   * One reconcile's dealing with a pipeline's children: {@code applied} rendered and compared them
   * (writing what differed), {@code unchanged} skipped that because neither the pipeline's effective
   * configuration nor any child changed since. An evaluation at rest is {@code unchanged}.
   */
  public void childSync(boolean applied) {
    Counter.builder("maverick.child.syncs")
        .description("Reconciles by whether they rendered and compared the children (applied) or found nothing"
            + " that could have changed them (unchanged)")
        .tags("outcome", applied ? "applied" : "unchanged")
        .register(registry)
        .increment();
  }

  /**
   * One tick of a policy's resting pipelines: how many its batch readings left at rest (quiet) and how
   * many they woke for a full evaluation.
   */
  public void restingTick(String namespace, String policy, int quiet, int woken) {
    for (var outcome : Map.of("quiet", quiet, "woken", woken).entrySet()) {
      Counter.builder("maverick.resting.evaluations")
          .description("Evaluations of resting pipelines from their policy's batch readings, by whether they left"
              + " the pipeline at rest (quiet) or woke it for a full reconcile (woken)")
          .tags("namespace", namespace, "policy", policy, "outcome", outcome.getKey())
          .register(registry)
          .increment(outcome.getValue());
    }
  }

  public void query(String namespace, String policy, Duration duration, boolean failed) {
    Timer.builder("maverick.prometheus.query.duration")
        .description("Duration of Prometheus queries")
        .tags("namespace", namespace, "policy", policy)
        .register(registry)
        .record(duration);
    if (failed) {
      Counter.builder("maverick.prometheus.query.errors")
          .description("Prometheus queries that failed (HTTP, timeout, parse, several series)")
          .tags("namespace", namespace, "policy", policy)
          .register(registry)
          .increment();
    }
  }

}
