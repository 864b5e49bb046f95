package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonClassDescription;

@JsonClassDescription("Where metrics come from, the stages a rollout goes through and the triggers that act on breaches.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutPolicySpec(
    @JsonPropertyDescription("The Prometheus server that triggers and gates query.")
    @Required PrometheusSpec prometheus,
    @Pattern(Durations.PATTERN) @Size(max = Durations.MAX_LENGTH)
    @JsonPropertyDescription("How often triggers and gates are evaluated. Default 30s." + Descriptions.DURATION)
    @ValidationRule(value = Durations.MAX_RULE, message = Durations.MAX_MESSAGE) String interval,
    @JsonPropertyDescription("What to do when trigger metrics cannot be read: Hold (never act on missing data) | Rollback (a FullRollback after metricsUnavailableGrace). Default Hold.")
    MetricsUnavailablePolicy onMetricsUnavailable,
    @Pattern(Durations.PATTERN) @Size(max = Durations.MAX_LENGTH)
    @JsonPropertyDescription("How long metrics may be unreadable before the MetricsAvailable=False condition and, with Rollback, a FullRollback. Default 5m." + Descriptions.DURATION)
    @ValidationRule(value = Durations.MAX_RULE, message = Durations.MAX_MESSAGE) String metricsUnavailableGrace,
    @Pattern(Durations.PATTERN) @Size(max = Durations.MAX_LENGTH)
    @JsonPropertyDescription("A revision that finished its stages and breached nothing this long becomes the stable revision. Default 10m." + Descriptions.DURATION)
    @ValidationRule(value = Durations.MAX_RULE, message = Durations.MAX_MESSAGE) String stableAfter,
    // bounded so that the cost estimate of the duration rule on each stage's pause stays in budget
    @JsonPropertyDescription("Optional staged rollout of flag percentages, run in order; keyed by name, at most 64. Default none: spec values apply at once.")
    @Size(max = 64) List<Stage> stages,
    // bounded so that the API server's cost estimate of the CEL rules on actions stays in budget
    @JsonPropertyDescription("Metric conditions that take actions once they hold for their for window; keyed by name, at most 64.")
    @Size(max = 64) List<Trigger> triggers,
    @JsonPropertyDescription("Where actions are announced; at most 8. Default none.")
    @Size(max = 8)
    List<Notification> notifications,
    @JsonPropertyDescription("At most this many pipelines of this policy advance stages at once; the others"
        + " are Queued, in creation order") @Min(1) Integer maxConcurrentRollouts,
    @JsonPropertyDescription("Change freezes: while one is open (start <= now < end), no stage advances and no"
        + " revision becomes stable; triggers and manual rollbacks still act") @Size(max = FREEZE_WINDOWS)
    List<FreezeWindow> freeze) {

  /** The most freeze windows a policy may list. */
  public static final int FREEZE_WINDOWS = 32;

  public RolloutPolicySpec {
    interval = interval == null ? "30s" : interval;
    onMetricsUnavailable = onMetricsUnavailable == null ? MetricsUnavailablePolicy.Hold : onMetricsUnavailable;
    metricsUnavailableGrace = metricsUnavailableGrace == null ? "5m" : metricsUnavailableGrace;
    stableAfter = stableAfter == null ? "10m" : stableAfter;
    stages = stages == null ? List.of() : List.copyOf(stages);
    triggers = triggers == null ? List.of() : List.copyOf(triggers);
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
    freeze = freeze == null ? List.of() : List.copyOf(freeze);
  }

  /** Without concurrency limit and freeze windows. */
  public RolloutPolicySpec(PrometheusSpec prometheus, String interval, MetricsUnavailablePolicy onMetricsUnavailable,
      String metricsUnavailableGrace, String stableAfter, List<Stage> stages, List<Trigger> triggers,
      List<Notification> notifications) {
    this(prometheus, interval, onMetricsUnavailable, metricsUnavailableGrace, stableAfter, stages, triggers,
        notifications, null, null);
  }
}
