package dev.maverick.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;

/**
 * The registry behind the operator's /metrics: its own, JOSDK's and the JVM's meters, shaped so
 * that {@code promtool check metrics} passes: every family has HELP, no abbreviated units, no
 * {@code _count} on a gauge.
 */
public final class PrometheusRegistry {
  /** HELP for java-operator-sdk's meters, which carry no description, by name prefix (first match). */
  private static final List<Map.Entry<String, String>> JOSDK_HELP = List.of(
      Map.entry("operator.sdk.controllers.execution.reconcile.success", "Reconciliations that succeeded, by controller"),
      Map.entry("operator.sdk.controllers.execution.reconcile.failure", "Reconciliations that failed, by controller"),
      Map.entry("operator.sdk.controllers.execution.reconcile", "Duration of reconciliations, by controller"),
      Map.entry("operator.sdk.controllers.execution.cleanup", "Cleanups of deleted resources, by controller"),
      Map.entry("operator.sdk.reconciliations.executions", "Reconciliations running now, by resource kind"),
      Map.entry("operator.sdk.reconciliations.queue.size", "Resources waiting to be reconciled, by resource kind"),
      Map.entry("operator.sdk.reconciliations.started", "Reconciliations started"),
      Map.entry("operator.sdk.reconciliations.success", "Reconciliations that succeeded"),
      Map.entry("operator.sdk.reconciliations.failed", "Reconciliations that failed, by exception"),
      Map.entry("operator.sdk.reconciliations.retries", "Reconciliations retried after a failure"),
      Map.entry("operator.sdk.events.received", "Kubernetes events received by the controllers"),
      Map.entry("operator.sdk.events.delete", "Deletions of watched resources received"),
      Map.entry("operator.sdk.", "java-operator-sdk metric"));

  private PrometheusRegistry() {}

  public static PrometheusMeterRegistry create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // reconcile durations as histograms (_bucket), so p50/p99 come from histogram_quantile
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        return id.getName().startsWith("operator.sdk.controllers.execution.")
            ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config) : config;
      }
    });
    registry.config()
        // the CPU time in nanoseconds ("_ns_total"); process_cpu_usage carries the same
        .meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")))
        .meterFilter(new MeterFilter() {
          @Override
          public Meter.Id map(Meter.Id id) {
            // a gauge must not end in _count, which Prometheus reserves for histograms and summaries
            Meter.Id renamed = id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
            return renamed.getDescription() != null ? renamed : new Meter.Id(renamed.getName(),
                Tags.of(renamed.getTagsAsIterable()), renamed.getBaseUnit(), help(renamed.getName()), renamed.getType());
          }
        });
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    return registry;
  }

  private static String help(String name) {
    return JOSDK_HELP.stream().filter(help -> name.startsWith(help.getKey())).map(Map.Entry::getValue).findFirst()
        .orElse(name);
  }
}
