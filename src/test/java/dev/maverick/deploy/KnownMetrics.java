package dev.maverick.deploy;

import java.util.HashSet;
import java.util.Set;

/** Metric names that exist: what the operator and JOSDK export, and what the user's app exports. */
final class KnownMetrics {
  private KnownMetrics() {}

  /** The operator's own metrics (names fixed in the project brief), as Prometheus series names. */
  static final Set<String> OPERATOR = Set.of(
      "maverick_actions_total",
      "maverick_trigger_value",
      "maverick_trigger_breaching",
      "maverick_metrics_available",
      "maverick_rollout_stage",
      "maverick_leader",
      "maverick_trigger_observe_only",
      "maverick_would_act_total",
      "maverick_prometheus_query_duration_seconds_count",
      "maverick_prometheus_query_duration_seconds_sum",
      "maverick_prometheus_query_duration_seconds_max",
      "maverick_prometheus_query_duration_seconds_bucket",
      "maverick_prometheus_query_errors_total",
      "maverick_action_delay_seconds_count",
      "maverick_action_delay_seconds_sum",
      "maverick_action_delay_seconds_max",
      "maverick_action_delay_seconds_bucket",
      "maverick_child_syncs_total",
      "maverick_resting_evaluations_total");

  /**
   * JOSDK 5.2.3 micrometer-support (MicrometerMetrics): counters operator.sdk.reconciliations.*,
   * operator.sdk.events.*, and the timer operator.sdk.controllers.execution.reconcile with its
   * .success/.failure counters.
   */
  static final Set<String> JOSDK = Set.of(
      "operator_sdk_reconciliations_started_total",
      "operator_sdk_reconciliations_success_total",
      "operator_sdk_reconciliations_failed_total",
      "operator_sdk_events_received_total",
      "operator_sdk_events_delete_total",
      "operator_sdk_controllers_execution_reconcile_seconds",
      "operator_sdk_controllers_execution_reconcile_seconds_count",
      "operator_sdk_controllers_execution_reconcile_seconds_sum",
      "operator_sdk_controllers_execution_reconcile_seconds_max",
      "operator_sdk_controllers_execution_reconcile_success_total",
      "operator_sdk_controllers_execution_reconcile_failure_total");

  /** What the pipeline's app and workers export (labelled namespace and pipeline). */
  static final Set<String> APPLICATION = Set.of(
      "embedding_requests_total",
      "embedding_queue_depth",
      "embedding_api_quota_used_ratio",
      "embedding_workers_active");

  static final Set<String> ALL = union(OPERATOR, JOSDK, APPLICATION);

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return Set.copyOf(all);
  }
}
