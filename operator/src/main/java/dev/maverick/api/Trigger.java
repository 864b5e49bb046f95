package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * When {@code query} meets {@code condition} at every evaluation for {@code for}, take the actions.
 * {@code batchQuery} (optional) answers for every pipeline of the policy at once; see docs/prometheus.md.
 * {@code mode} and {@code minSamples}: see docs/rollout-controls.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Trigger(
    @JsonPropertyDescription(Descriptions.NAME_IN_LIST)
    @Size(max = 63)
    @Required String name,
    @JsonPropertyDescription(Descriptions.QUERY)
    @Size(max = 8192)
    @Required String query,
    @JsonPropertyDescription("The breach: the trigger fires when it holds for the whole for window. " + Descriptions.CONDITION)
    @Required MetricCondition condition,
    @JsonProperty("for") @Pattern(Durations.PATTERN) @Size(max = Durations.MAX_LENGTH)
    @JsonPropertyDescription("The condition must hold at every evaluation for this long before the actions are taken (Prometheus alerting semantics); no data resets it. Default 0s." + Descriptions.DURATION)
    @ValidationRule(value = Durations.MAX_RULE, message = Durations.MAX_MESSAGE) String forDuration,
    @JsonPropertyDescription("What to do when the trigger fires, in order; at most 16. They stay in force until the spec changes or the retry annotation is set.")
    @Required @Size(max = 16) List<Action> actions,
    @JsonPropertyDescription(BATCH_QUERY_DESCRIPTION) @Size(max = 8192) String batchQuery,
    @JsonPropertyDescription("Enforce (default): take the actions. Observe: evaluate and announce (Event WouldAct,"
        + " webhook marked observe), never act.") TriggerMode mode,
    @JsonPropertyDescription(Descriptions.MIN_SAMPLES)
    MinSamples minSamples) {

  /** Shared by triggers and gates. */
  public static final String BATCH_QUERY_DESCRIPTION = "Optional PromQL without {{pipeline}} that returns one series"
      + " per pipeline, labelled pipeline (e.g. sum by (pipeline) (...)); run once per policy and interval for all"
      + " its pipelines. A pipeline without a series has no data; when it fails, query is used.";

  public Trigger {
    forDuration = forDuration == null ? "0s" : forDuration;
    actions = actions == null ? List.of() : List.copyOf(actions);
    mode = mode == null ? TriggerMode.Enforce : mode;
  }

  public Trigger(String name, String query, MetricCondition condition, String forDuration, List<Action> actions,
      String batchQuery) {
    this(name, query, condition, forDuration, actions, batchQuery, null, null);
  }

  public Trigger(String name, String query, MetricCondition condition, String forDuration, List<Action> actions) {
    this(name, query, condition, forDuration, actions, null, null, null);
  }
}
