package dev.maverick.testing;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.LocalObjectRef;
import dev.maverick.api.RolloutPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

  public static EmbeddingPipeline paperless() {
    return Serialization.unmarshal(PAPERLESS_PIPELINE, EmbeddingPipeline.class);
  }

  /** The Paperless pipeline referring to the RolloutPolicy {@code policy}. */
  public static EmbeddingPipeline paperlessUsing(String policy) {
    EmbeddingPipeline pipeline = paperless();
    var spec = pipeline.getSpec();
    pipeline.setSpec(new EmbeddingPipelineSpec(spec.app(), spec.worker(), spec.featureFlags(), spec.rateLimiting(),
        spec.flagDelivery(), new LocalObjectRef(policy), spec.paused()));
    return pipeline;
  }

  /** The Paperless pipeline under another name, referring to the RolloutPolicy {@code policy}. */
  public static EmbeddingPipeline paperless(String name, String policy) {
    EmbeddingPipeline pipeline = paperlessUsing(policy);
    pipeline.getMetadata().setName(name);
    return pipeline;
  }

  public static EmbeddingPipeline minimal() {
    return Serialization.unmarshal(MINIMAL_PIPELINE, EmbeddingPipeline.class);
  }

  /**
   * The Paperless policy tests start from: RolloutPolicy standard-rollout in the Paperless namespace,
   * with one trigger, embeddingSuccessRate below 0.85 for 10m disabling embeddingMonitoring, on a
   * Prometheus that does not answer (http://127.0.0.1:9, timeout 1s), evaluated every 30s. The
   * {@code with...} methods change one part.
   */
  public static PaperlessPolicy paperlessPolicy() {
    return new PaperlessPolicy();
  }

  /**
   * The Paperless policy {@code every-second} for tests on real time: evaluated every second on the
   * Prometheus at {@code url}, its trigger scales the workers to 0 at the first breach.
   */
  public static PaperlessPolicy everySecondPolicy(String prometheusUrl) {
    return paperlessPolicy().withName("every-second").withPrometheus(prometheusUrl, "5s").withInterval("1s")
        .withFor("0s").withAction("{type: ScaleWorkers, replicas: 0}");
  }

  /** Builds {@link #paperlessPolicy()} and its variations. */
  public static final class PaperlessPolicy {
    private String name = "standard-rollout";
    private String url = "http://127.0.0.1:9";
    private String timeout = "1s";
    private final List<String> prometheusFields = new ArrayList<>();
    private String interval = "30s";
    private String query = "embedding_success_ratio{pipeline=\"{{pipeline}}\"}";
    private String batchQuery;
    private String forDuration = "10m";
    private String action = "{type: DisableFlag, flag: embeddingMonitoring}";
    private final List<String> specFields = new ArrayList<>();

    private PaperlessPolicy() {}

    public PaperlessPolicy withName(String name) {
      this.name = name;
      return this;
    }

    /** The Prometheus the trigger queries, and its timeout. */
    public PaperlessPolicy withPrometheus(String url, String timeout) {
      this.url = url;
      this.timeout = timeout;
      return this;
    }

    /** Another field of spec.prometheus, as YAML, e.g. {@code bearerTokenSecretRef: {name: t, key: token}}. */
    public PaperlessPolicy withPrometheusField(String yaml) {
      prometheusFields.add(yaml);
      return this;
    }

    public PaperlessPolicy withInterval(String interval) {
      this.interval = interval;
      return this;
    }

    /** The trigger's query (single-quoted in the YAML). */
    public PaperlessPolicy withQuery(String query) {
      this.query = query;
      return this;
    }

    /** The trigger's batchQuery (single-quoted in the YAML); none by default. */
    public PaperlessPolicy withBatchQuery(String batchQuery) {
      this.batchQuery = batchQuery;
      return this;
    }

    /** The trigger's {@code for} window. */
    public PaperlessPolicy withFor(String forDuration) {
      this.forDuration = forDuration;
      return this;
    }

    /** The trigger's one action, as YAML, e.g. {@code {type: FullRollback}}. */
    public PaperlessPolicy withAction(String yaml) {
      this.action = yaml;
      return this;
    }

    /** Another field of spec, as YAML, e.g. {@code onMetricsUnavailable: Hold}. */
    public PaperlessPolicy withSpecField(String yaml) {
      specFields.add(yaml);
      return this;
    }

    /** Announces to the webhook whose URL the Secret slack-webhook holds under key url. */
    public PaperlessPolicy withWebhook() {
      return withSpecField("notifications: [{type: Webhook, urlSecretRef: {name: slack-webhook, key: url}}]");
    }

    public String yaml() {
      String prometheus = Stream.concat(Stream.of("url: \"" + url + "\"", "timeout: " + timeout),
          prometheusFields.stream()).collect(Collectors.joining(", "));
      return """
          apiVersion: maverick.dev/v1alpha1
          kind: RolloutPolicy
          metadata: {name: %s, namespace: paperless-maverick}
          spec:
            prometheus: {%s}
            interval: %s
            triggers:
            - name: embeddingSuccessRate
              query: '%s'%s
              condition: {operator: LessThan, threshold: 0.85}
              for: %s
              actions: [%s]
          """.formatted(name, prometheus, interval, query,
              batchQuery == null ? "" : "\n    batchQuery: '" + batchQuery + "'", forDuration, action)
          + specFields.stream().map(field -> field.indent(2)).collect(Collectors.joining());
    }

    public RolloutPolicy build() {
      return Serialization.unmarshal(yaml(), RolloutPolicy.class);
    }
  }
}
