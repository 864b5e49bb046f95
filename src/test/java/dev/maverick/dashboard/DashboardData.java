package dev.maverick.dashboard;

import dev.maverick.api.ActionRecord;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.StageStatus;
import dev.maverick.api.TriggerStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;

/** Pipelines, policies and statuses for the dashboard's tests. */
final class DashboardData {
  private DashboardData() {}

  static RolloutPolicy policy(String name, String prometheusUrl, String triggersYaml) {
    return Serialization.unmarshal("""
        apiVersion: maverick.dev/v1alpha1
        kind: RolloutPolicy
        metadata: {name: %s, namespace: paperless-maverick}
        spec:
          prometheus: {url: "%s"}
          interval: 30s
          stages:
          - {name: internal, flags: [{name: embeddingMonitoring, rolloutPercentage: 10}], pause: 1m}
          - {name: half, flags: [{name: embeddingMonitoring, rolloutPercentage: 50}], pause: 1m}
          triggers:
        %s""".formatted(name, prometheusUrl, triggersYaml.indent(2)), RolloutPolicy.class);
  }

  static final String SUCCESS_TRIGGER = """
      - name: embeddingSuccessRate
        query: 'embedding_success_ratio{pipeline="{{pipeline}}"}'
        condition: {operator: LessThan, threshold: 0.85}
        for: 2m
        actions: [{type: DisableFlag, flag: embeddingMonitoring}]
      """;

  static final String ERROR_TRIGGER = """
      - name: systemErrorRate
        query: 'embedding_error_ratio{pipeline="{{pipeline}}"}'
        condition: {operator: GreaterThan, threshold: 0.1}
        for: 5m
        actions: [{type: FullRollback}]
      """;

  static EmbeddingPipeline pipeline(String name, String policy) {
    EmbeddingPipeline pipeline = Serialization.unmarshal("""
        apiVersion: maverick.dev/v1alpha1
        kind: EmbeddingPipeline
        metadata: {name: %s, namespace: paperless-maverick}
        spec:
          app: {image: registry.example/app:1.0.0}
          worker: {image: registry.example/worker:1.0.0}
          rolloutPolicyRef: {name: %s}
        """.formatted(name, policy), EmbeddingPipeline.class);
    return pipeline;
  }

  static EmbeddingPipelineStatus status(List<TriggerStatus> triggers, StageStatus stage, List<ActionRecord> actions) {
    return new EmbeddingPipelineStatus(1L, null, null, stage, null, null, null, triggers, actions, null, null);
  }

  static TriggerStatus reading(String trigger, Instant at, Double value, boolean breaching) {
    return new TriggerStatus(trigger, value, breaching, null, at.toString(), null);
  }
}
