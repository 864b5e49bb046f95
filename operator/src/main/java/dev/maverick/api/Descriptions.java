package dev.maverick.api;

/**
 * Schema descriptions used by more than one field (kubectl explain shows them); a field's own text
 * is written on the field. Units, defaults and allowed values as docs/crds.md asks for.
 */
final class Descriptions {
  static final String DURATION = " A duration such as 30s, 10m or 1h30m (units ms, s, m, h, d, w), at most 365d and 64 characters.";
  static final String TIME = "RFC 3339 time";
  static final String OBSERVED_GENERATION = "The metadata.generation the operator last acted on; -1 until it has.";
  static final String NAME_IN_LIST = "Name, unique in this list (the list is keyed by it); at most 63 characters.";
  static final String FLAG_NAME = "A flag name of the pipeline's spec.featureFlags (^[a-z][A-Za-z0-9]*$, at most 63 characters).";
  static final String QUERY = "PromQL that yields one number (a scalar or a one-element vector); the placeholders"
      + " {{pipeline}} and {{namespace}} are replaced by the pipeline's name and namespace. An empty result or NaN is"
      + " no data, several series an error. At most 8192 characters.";
  static final String IMAGE = "Container image, e.g. registry.example/paperless-maverick:1.4.0; at most 1024 characters.";
  static final String REPLICAS = "Replica bounds: with autoscaling the HPA's minReplicas and maxReplicas; without it,"
      + " min is the fixed replica count. Default {min: 1, max: 1}.";
  static final String PROBES = "HTTP paths of the liveness and readiness probes. Default /health and /ready.";
  static final String ENV = "core/v1 EnvVar list, passed to the container as written (kubectl explain pod.spec.containers.env); at most 256."
      + " Default none.";
  static final String ENV_FROM = "core/v1 EnvFromSource list (e.g. secretRef: {name: supabase-secrets}), passed to the"
      + " container as written (kubectl explain pod.spec.containers.envFrom); at most 64. The flags ConfigMap <name>-flags is added to it. Default none.";
  static final String AUTOSCALING = "HorizontalPodAutoscaler settings. Absent: no HPA, the operator sets the replica count"
      + " (replicas.min). Present without enabled: enabled.";
  static final String RESOURCES = "core/v1 ResourceRequirements of the container (kubectl explain pod.spec.containers.resources);"
      + " quantities such as 250m or 512Mi.";
  static final String POD_SECURITY_CONTEXT = "core/v1 PodSecurityContext (kubectl explain pod.spec.securityContext),"
      + " merged field by field over the restricted defaults runAsNonRoot: true and seccompProfile RuntimeDefault.";
  static final String SECURITY_CONTEXT = "core/v1 SecurityContext of the container (kubectl explain"
      + " pod.spec.containers.securityContext), merged over the restricted defaults allowPrivilegeEscalation: false"
      + " and capabilities drop ALL.";
  static final String MIN_SAMPLES = "Optional: the least traffic a reading needs; below it the reading counts as no data"
      + " (hold), never as pass or breach.";
  static final String METRICS_PORT = "Container port of the Prometheus metrics endpoint (Service port metrics), 1..65535.";
  static final String CONDITIONS = "metav1.Condition list, one per type, each with status (True | False | Unknown),"
      + " reason, message, lastTransitionTime and observedGeneration. ";
  static final String REPLICA_STATUS = "Replica counts of the Deployment";
  static final String ACTION_TYPE = "DisableFlag{flag} | SetFlagPercentage{flag, percentage} | SetRateLimitProfile{profile}"
      + " | ScaleWorkers{replicas} | RevertImages (back to the stable revision's images) | FullRollback (back to the"
      + " stable revision's images, flags and profile; with no stable revision yet, all flags off).";
  static final String PROFILE = "Rate-limit profile: conservative | balanced | aggressive | custom.";
  static final String CONDITION = "The comparison of the query's value with a threshold.";

  private Descriptions() {}
}
