package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Where metrics come from, the stages a rollout goes through and the triggers that act on breaches.")
public record RolloutPolicySpec(
    @JsonPropertyDescription("The Prometheus server that triggers and gates query.")
    @Required PrometheusSpec prometheus,
    @JsonPropertyDescription("How often triggers and gates are evaluated. Default 30s." + Descriptions.DURATION)
    @Size(max = 32)
    @Pattern(Durations.PATTERN) String interval,
    @JsonPropertyDescription("What to do when trigger metrics cannot be read: Hold (never act on missing data) | Rollback (a FullRollback after metricsUnavailableGrace). Default Hold.")
    MetricsUnavailablePolicy onMetricsUnavailable,
    @JsonPropertyDescription("How long metrics may be unreadable before the MetricsAvailable=False condition and, with Rollback, a FullRollback. Default 5m." + Descriptions.DURATION)
    @Size(max = 32)
    @Pattern(Durations.PATTERN) String metricsUnavailableGrace,
    @JsonPropertyDescription("A revision that finished its stages and breached nothing this long becomes the stable revision. Default 10m." + Descriptions.DURATION)
    @Size(max = 32)
    @Pattern(Durations.PATTERN) String stableAfter,
    @JsonPropertyDescription("Optional staged rollout of flag percentages, run in order; keyed by name, at most 32. Default none: spec values apply at once.")
    @Size(max = 32)
    List<Stage> stages,
    // bounded so that the API server's cost estimate of the CEL rules on actions stays in budget
    @JsonPropertyDescription("Metric conditions that take actions once they hold for their for window; keyed by name, at most 64.")
    @Size(max = 64) List<Trigger> triggers,
    @JsonPropertyDescription("Where actions are announced; at most 8. Default none.")
    @Size(max = 8)
    List<Notification> notifications) {

  public RolloutPolicySpec {
    interval = interval == null ? "30s" : interval;
    onMetricsUnavailable = onMetricsUnavailable == null ? MetricsUnavailablePolicy.Hold : onMetricsUnavailable;
    metricsUnavailableGrace = metricsUnavailableGrace == null ? "5m" : metricsUnavailableGrace;
    stableAfter = stableAfter == null ? "10m" : stableAfter;
    stages = stages == null ? List.of() : List.copyOf(stages);
    triggers = triggers == null ? List.of() : List.copyOf(triggers);
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
  }
}
