package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutPolicySpec(
    @Required PrometheusSpec prometheus,
    @Pattern(Durations.PATTERN) @Size(max = Durations.MAX_LENGTH)
    @ValidationRule(value = Durations.MAX_RULE, message = Durations.MAX_MESSAGE) String interval,
    MetricsUnavailablePolicy onMetricsUnavailable,
    @Pattern(Durations.PATTERN) @Size(max = Durations.MAX_LENGTH)
    @ValidationRule(value = Durations.MAX_RULE, message = Durations.MAX_MESSAGE) String metricsUnavailableGrace,
    @Pattern(Durations.PATTERN) @Size(max = Durations.MAX_LENGTH)
    @ValidationRule(value = Durations.MAX_RULE, message = Durations.MAX_MESSAGE) String stableAfter,
    // bounded so that the cost estimate of the duration rule on each stage's pause stays in budget
    @Size(max = 64) List<Stage> stages,
    // bounded so that the API server's cost estimate of the CEL rules on actions stays in budget
    @Size(max = 64) List<Trigger> triggers,
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
