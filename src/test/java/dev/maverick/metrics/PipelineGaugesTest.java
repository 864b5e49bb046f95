package dev.maverick.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-pipeline gauges as /metrics writes them: text format 0.0.4, one HELP and TYPE per family. */
class PipelineGaugesTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final OperatorMetrics metrics = new OperatorMetrics(registry);

  private List<String> written() throws IOException {
    StringWriter text = new StringWriter();
    PipelineGauges.of(registry).write(text);
    return Arrays.asList(text.toString().split("\n"));
  }

  @Test
  void eachFamilyOnceWithItsSeries() throws IOException {
    metrics.trigger("docs", "paperless", "embeddingSuccessRate", 0.97, false, false);
    metrics.trigger("docs", "paperless", "embeddingSuccessRate", 0.5, true, true);
    metrics.stage("docs", "paperless", 2);

    assertThat(written()).containsExactly(
        "# HELP maverick_trigger_value Last value of a trigger's query",
        "# TYPE maverick_trigger_value gauge",
        "maverick_trigger_value{namespace=\"docs\",pipeline=\"paperless\",trigger=\"embeddingSuccessRate\"} 0.5",
        "# HELP maverick_trigger_breaching 1 while a trigger's condition holds",
        "# TYPE maverick_trigger_breaching gauge",
        "maverick_trigger_breaching{namespace=\"docs\",pipeline=\"paperless\",trigger=\"embeddingSuccessRate\"} 1.0",
        "# HELP maverick_trigger_observe_only 1 while a trigger is in Observe mode (evaluated, never acts)",
        "# TYPE maverick_trigger_observe_only gauge",
        "maverick_trigger_observe_only{namespace=\"docs\",pipeline=\"paperless\",trigger=\"embeddingSuccessRate\"} 1.0",
        "# HELP maverick_rollout_stage Index of the current rollout stage (the stage count once complete)",
        "# TYPE maverick_rollout_stage gauge",
        "maverick_rollout_stage{namespace=\"docs\",pipeline=\"paperless\"} 2.0");
  }

  @Test
  void anUnavailableMetricIsNaNAndEveryPipelineHasItsSeries() throws IOException {
    metrics.trigger("docs", "a", "queueBacklog", null, false, false);
    metrics.trigger("docs", "b", "queueBacklog", Double.POSITIVE_INFINITY, true, false);
    metrics.metricsAvailable("docs", "a", false);
    metrics.metricsAvailable("docs", "b", true);

    assertThat(written()).contains(
        "maverick_trigger_value{namespace=\"docs\",pipeline=\"a\",trigger=\"queueBacklog\"} NaN",
        "maverick_trigger_value{namespace=\"docs\",pipeline=\"b\",trigger=\"queueBacklog\"} +Inf",
        "# HELP maverick_metrics_available 0 once trigger metrics have been unavailable longer than the grace",
        "maverick_metrics_available{namespace=\"docs\",pipeline=\"a\"} 0.0",
        "maverick_metrics_available{namespace=\"docs\",pipeline=\"b\"} 1.0")
        .filteredOn(line -> line.startsWith("# TYPE")).hasSize(4);
  }

  @Test
  void labelValuesAreEscaped() throws IOException {
    metrics.trigger("docs", "p", "a\"b\\c\nd", 1.0, false, false);

    assertThat(written()).contains(
        "maverick_trigger_value{namespace=\"docs\",pipeline=\"p\",trigger=\"a\\\"b\\\\c\\nd\"} 1.0");
  }

  @Test
  void nothingIsWrittenBeforeAGaugeIsSetAndEachRegistryHasItsOwn() throws IOException {
    assertThat(written()).containsExactly("");

    new OperatorMetrics(new SimpleMeterRegistry()).stage("docs", "p", 1);

    assertThat(written()).containsExactly("");
  }
}
