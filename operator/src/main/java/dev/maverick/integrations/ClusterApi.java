package dev.maverick.integrations;

/** An API of another project that some children need; the cluster serves it when that project is installed. */
public enum ClusterApi {
  KEDA("keda.sh/v1alpha1", "ScaledObject", "KEDA"),
  PROMETHEUS_OPERATOR("monitoring.coreos.com/v1", "ServiceMonitor", "the Prometheus Operator"),
  OPENFEATURE_OPERATOR("core.openfeature.dev/v1beta1", "FeatureFlag", "the OpenFeature operator");

  private final String apiVersion;
  private final String kind;
  private final String project;

  ClusterApi(String apiVersion, String kind, String project) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.project = project;
  }

  public String apiVersion() {
    return apiVersion;
  }

  /** The kind whose presence in discovery says the API is served. */
  public String kind() {
    return kind;
  }

  /** For messages: "keda.sh/v1alpha1 (KEDA)". */
  public String describe() {
    return apiVersion + " (" + project + ")";
  }
}
