package dev.maverick.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
  private final Map<Tags, GaugeValue> triggerValues = new ConcurrentHashMap<>();
  private final Map<Tags, GaugeValue> triggerBreaching = new ConcurrentHashMap<>();
  private final Map<Tags, GaugeValue> triggerObserveOnly = new ConcurrentHashMap<>();
  private final Map<Tags, GaugeValue> metricsAvailable = new ConcurrentHashMap<>();
  private final Map<Tags, GaugeValue> stages = new ConcurrentHashMap<>();
  private final Map<Tags, GaugeValue> leader = new ConcurrentHashMap<>();

  public OperatorMetrics(MeterRegistry registry) {
    this.registry = registry;
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
    Tags tags = Tags.of("namespace", namespace, "pipeline", pipeline, "trigger", trigger);
    gauge("maverick.trigger.value", "Last value of a trigger's query", triggerValues, tags)
        .set(value == null ? Double.NaN : value);
    gauge("maverick.trigger.breaching", "1 while a trigger's condition holds", triggerBreaching, tags)
        .set(breaching ? 1.0 : 0.0);
    gauge("maverick.trigger.observe.only", "1 while a trigger is in Observe mode (evaluated, never acts)",
        triggerObserveOnly, tags).set(observeOnly ? 1.0 : 0.0);
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
    gauge("maverick.metrics.available", "0 once trigger metrics have been unavailable longer than the grace",
        metricsAvailable, Tags.of("namespace", namespace, "pipeline", pipeline)).set(available ? 1.0 : 0.0);
  }

  public void stage(String namespace, String pipeline, int index) {
    gauge("maverick.rollout.stage", "Index of the current rollout stage (the stage count once complete)",
        stages, Tags.of("namespace", namespace, "pipeline", pipeline)).set((double) index);
  }

  /** 1 while this instance leads (or runs without leader election), 0 while it stands by. */
  public void leader(boolean leading) {
    gauge("maverick.leader", "1 while this operator instance holds the leader lease and reconciles, 0 while it"
        + " stands by", leader, Tags.empty()).set(leading ? 1.0 : 0.0);
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

  private GaugeValue gauge(String name, String description, Map<Tags, GaugeValue> gauges, Tags tags) {
    return gauges.computeIfAbsent(tags, t -> {
      GaugeValue holder = new GaugeValue();
      Gauge.builder(name, holder, GaugeValue::get).description(description).tags(t).register(registry);
      return holder;
    });
  }

  /**
   * A gauge's value as a primitive: an {@code AtomicReference<Double>} boxed every update (three per
   * trigger and tick), and each box lived until the next tick, long enough to be copied into the old
   * generation.
   */
  private static final class GaugeValue {
    private volatile double value = Double.NaN;

    void set(double newValue) {
      value = newValue;
    }

    double get() {
      return value;
    }
  }
}
