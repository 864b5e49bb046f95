package dev.maverick.testing;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The pipelines and policies tests start from: API.md's Paperless Maverick example and a minimal one. */
public final class Fixtures {
  private Fixtures() {}

  public static final String PAPERLESS_PIPELINE = """
      apiVersion: maverick.dev/v1alpha1
      kind: EmbeddingPipeline
      metadata: {name: paperless-maverick, namespace: paperless-maverick}
      spec:
        app:
          image: registry.example/paperless-maverick:1.4.0
          replicas: {min: 3, max: 10}
          ports: {http: 8080, metrics: 9090}
          probes: {livenessPath: /health, readinessPath: /ready}
          resources: {requests: {cpu: 250m, memory: 512Mi}, limits: {cpu: 500m, memory: 1Gi}}
          env: [{name: LOG_LEVEL, value: info}]
          envFrom: [{secretRef: {name: supabase-secrets}}]
          autoscaling: {enabled: true, cpuUtilization: 70, memoryUtilization: 80, scaleUpStabilizationSeconds: 30, scaleDownStabilizationSeconds: 300}
        worker:
          image: registry.example/embedding-worker:1.4.0
          replicas: {min: 2, max: 6}
          ports: {health: 8080, metrics: 9091}
          probes: {livenessPath: /health, readinessPath: /ready}
          resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: 500m, memory: 512Mi}}
          autoscaling:
            enabled: true
            cpuUtilization: 80
            memoryUtilization: 85
            queueDepth: {metric: embedding_queue_depth, averageValue: 100}
            scaleUpStabilizationSeconds: 30
            scaleDownStabilizationSeconds: 300
        featureFlags:
        - {name: embeddingMonitoring, enabled: true, rolloutPercentage: 10, targetTeams: [internal-testing-team]}
        - {name: queueBasedProcessing, enabled: false, rolloutPercentage: 0, params: {fallbackToDirectProcessing: "true"}}
        - {name: batchOptimization, enabled: false, params: {rateLimitingEnabled: "false", adaptiveProcessing: "false"}}
        rateLimiting: {profile: balanced}
        flagDelivery: {restartOnChange: true}
      """;

  public static final String MINIMAL_PIPELINE = """
      apiVersion: maverick.dev/v1alpha1
      kind: EmbeddingPipeline
      metadata: {name: minimal, namespace: paperless-maverick}
      spec:
        app: {image: registry.example/app:1.0.0}
        worker: {image: registry.example/worker:1.0.0}
      """;

  public static final String STANDARD_POLICY = """
      apiVersion: maverick.dev/v1alpha1
      kind: RolloutPolicy
      metadata: {name: standard-rollout, namespace: paperless-maverick}
      spec:
        prometheus: {url: "http://127.0.0.1:9", timeout: 1s}
        interval: 30s
        triggers:
        - name: embeddingSuccessRate
          query: 'embedding_success_ratio{pipeline="{{pipeline}}"}'
          condition: {operator: LessThan, threshold: 0.85}
          for: 10m
          actions: [{type: DisableFlag, flag: embeddingMonitoring}]
      """;

  public static EmbeddingPipeline paperless() {
    return Serialization.unmarshal(PAPERLESS_PIPELINE, EmbeddingPipeline.class);
  }

  /** The Paperless pipeline referring to the RolloutPolicy {@code policy}. */
  public static EmbeddingPipeline paperlessUsing(String policy) {
    EmbeddingPipeline pipeline = paperless();
    var spec = pipeline.getSpec();
    pipeline.setSpec(new dev.maverick.api.EmbeddingPipelineSpec(spec.app(), spec.worker(), spec.featureFlags(),
        spec.rateLimiting(), spec.flagDelivery(), new dev.maverick.api.LocalObjectRef(policy), spec.paused()));
    return pipeline;
  }

  public static EmbeddingPipeline minimal() {
    return Serialization.unmarshal(MINIMAL_PIPELINE, EmbeddingPipeline.class);
  }

  public static RolloutPolicy standardPolicy() {
    return Serialization.unmarshal(STANDARD_POLICY, RolloutPolicy.class);
  }
}
