package dev.maverick.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.Writer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The gauges every pipeline has (README, "Metrics"): {@code maverick_trigger_value},
 * {@code maverick_trigger_breaching} and {@code maverick_trigger_observe_only} per trigger,
 * {@code maverick_metrics_available} and {@code maverick_rollout_stage}, kept as primitives and
 * written to /metrics in the Prometheus text format by {@link #write}, after the registry's meters.
 *
 * <p>Not Micrometer meters: at 10,000 pipelines those were 140,000 meters holding some 70 MiB of
 * heap, and each scrape cost a second of CPU and 250-480 MB of allocation (every series' labels
 * validated and sorted again); written from here, a scrape is a plain pass over the values.
 */
public final class PipelineGauges {
  /** One set of gauges per registry, as its meters: the operator updates them, /metrics writes them. */
  private static final Map<MeterRegistry, PipelineGauges> BY_REGISTRY = Collections.synchronizedMap(new WeakHashMap<>());

  private record Family<T>(String name, String help, ToDoubleFunction<T> value) {}

  private static final Family<TriggerValues> TRIGGER_VALUE =
      new Family<>("maverick_trigger_value", "Last value of a trigger's query", t -> t.value);
  private static final Family<TriggerValues> TRIGGER_BREACHING =
      new Family<>("maverick_trigger_breaching", "1 while a trigger's condition holds", t -> t.breaching);
  private static final Family<TriggerValues> TRIGGER_OBSERVE_ONLY = new Family<>("maverick_trigger_observe_only",
      "1 while a trigger is in Observe mode (evaluated, never acts)", t -> t.observeOnly);
  private static final Family<PipelineValues> METRICS_AVAILABLE = new Family<>("maverick_metrics_available",
      "0 once trigger metrics have been unavailable longer than the grace", p -> p.metricsAvailable);
  private static final Family<PipelineValues> ROLLOUT_STAGE = new Family<>("maverick_rollout_stage",
      "Index of the current rollout stage (the stage count once complete)", p -> p.stage);

  private record PipelineKey(String namespace, String name) {}

  /** A pipeline's values; NaN where a gauge was never set (it is then not written). */
  private static final class PipelineValues {
    private final Map<String, TriggerValues> triggers = new ConcurrentHashMap<>();
    private volatile double metricsAvailable = Double.NaN;
    private volatile double stage = Double.NaN;
  }

  /** A trigger's values, set together; the value is NaN while its metric is unavailable. */
  private static final class TriggerValues {
    private volatile double value;
    private volatile double breaching;
    private volatile double observeOnly;
  }

  private final Map<PipelineKey, PipelineValues> pipelines = new ConcurrentHashMap<>();

  private PipelineGauges() {}

  public static PipelineGauges of(MeterRegistry registry) {
    return BY_REGISTRY.computeIfAbsent(registry, r -> new PipelineGauges());
  }

  void trigger(String namespace, String pipeline, String trigger, Double value, boolean breaching,
      boolean observeOnly) {
    TriggerValues values = pipeline(namespace, pipeline).triggers.computeIfAbsent(trigger, t -> new TriggerValues());
    values.value = value == null ? Double.NaN : value;
    values.breaching = breaching ? 1.0 : 0.0;
    values.observeOnly = observeOnly ? 1.0 : 0.0;
  }

  void metricsAvailable(String namespace, String pipeline, boolean available) {
    pipeline(namespace, pipeline).metricsAvailable = available ? 1.0 : 0.0;
  }

  void stage(String namespace, String pipeline, int index) {
    pipeline(namespace, pipeline).stage = index;
  }

  private PipelineValues pipeline(String namespace, String name) {
    return pipelines.computeIfAbsent(new PipelineKey(namespace, name), key -> new PipelineValues());
  }

  /**
   * Every family that has a series, each as HELP, TYPE and its series (text format 0.0.4). Many small
   * writes: {@code out} should buffer.
   */
  public void write(Writer out) throws IOException {
    for (Family<TriggerValues> family : List.of(TRIGGER_VALUE, TRIGGER_BREACHING, TRIGGER_OBSERVE_ONLY)) {
      boolean any = false;
      for (Map.Entry<PipelineKey, PipelineValues> pipeline : pipelines.entrySet()) {
        for (Map.Entry<String, TriggerValues> trigger : pipeline.getValue().triggers.entrySet()) {
          any = header(out, family, any);
          series(out, family.name(), pipeline.getKey(), trigger.getKey(), family.value().applyAsDouble(trigger.getValue()));
        }
      }
    }
    for (Family<PipelineValues> family : List.of(METRICS_AVAILABLE, ROLLOUT_STAGE)) {
      boolean any = false;
      for (Map.Entry<PipelineKey, PipelineValues> pipeline : pipelines.entrySet()) {
        double value = family.value().applyAsDouble(pipeline.getValue());
        if (!Double.isNaN(value)) {
          any = header(out, family, any);
          series(out, family.name(), pipeline.getKey(), null, value);
        }
      }
    }
  }

  private static boolean header(Writer out, Family<?> family, boolean written) throws IOException {
    if (!written) {
      out.write("# HELP " + family.name() + " " + family.help() + "\n# TYPE " + family.name() + " gauge\n");
    }
    return true;
  }

  private static void series(Writer out, String name, PipelineKey pipeline, String trigger, double value)
      throws IOException {
    out.write(name);
    out.write("{namespace=\"");
    label(out, pipeline.namespace());
    out.write("\",pipeline=\"");
    label(out, pipeline.name());
    if (trigger != null) {
      out.write("\",trigger=\"");
      label(out, trigger);
    }
    out.write("\"} ");
    out.write(value == Double.POSITIVE_INFINITY ? "+Inf" : value == Double.NEGATIVE_INFINITY ? "-Inf"
        : Double.toString(value));
    out.write('\n');
  }

  /** A label value as the text format escapes it: backslash, double quote and line feed. */
  private static void label(Writer out, String value) throws IOException {
    out.write(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"));
  }
}
