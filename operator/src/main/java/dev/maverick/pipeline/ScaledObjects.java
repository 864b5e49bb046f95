package dev.maverick.pipeline;

import dev.maverick.api.Autoscaling;
import dev.maverick.api.QueueDepth;
import dev.maverick.integrations.ClusterApi;
import dev.maverick.integrations.ScaledObject;
import dev.maverick.prometheus.QueryTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The worker's KEDA ScaledObject {@code <name>-worker} with {@code engine: KEDA}: min/max from
 * {@code replicas}, cpu/memory triggers, a {@code prometheus} trigger from {@code queueDepth}, the
 * stabilization windows as the HPA behaviour KEDA creates. While ScaleWorkers holds it is paused at
 * the override's count ({@value #PAUSED_REPLICAS}) rather than deleted, and the pause is lifted when
 * the override ends.
 */
public final class ScaledObjects implements ChildKind<ScaledObject> {
  public static final String PAUSED_REPLICAS = "autoscaling.keda.sh/paused-replicas";

  @Override
  public Class<ScaledObject> type() {
    return ScaledObject.class;
  }

  /** A custom resource with a status subresource: KEDA's status writes leave the generation alone. */
  @Override
  public boolean generationTracksSpec() {
    return true;
  }

  @Override
  public Optional<ClusterApi> api() {
    return Optional.of(ClusterApi.KEDA);
  }

  @Override
  public List<ScaledObject> desired(PipelineModel model) {
    if (!model.kedaScaled()) {
      return List.of();
    }
    var worker = model.spec().worker();
    Autoscaling scaling = worker.autoscaling();
    String name = ChildNames.of(model.name(), Component.WORKER);
    ScaledObject scaledObject = new ScaledObject();
    scaledObject.setMetadata(model.metadata(name, Component.WORKER));
    model.effective().workerReplicasOverride().ifPresent(replicas ->
        scaledObject.getMetadata().setAnnotations(new TreeMap<>(Map.of(PAUSED_REPLICAS, String.valueOf(replicas)))));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", name));
    spec.put("minReplicaCount", worker.replicas().min());
    spec.put("maxReplicaCount", worker.replicas().max());
    spec.put("advanced", Map.of("horizontalPodAutoscalerConfig", Map.of("behavior", Map.of(
        "scaleUp", Map.of("stabilizationWindowSeconds", scaling.scaleUpStabilizationSeconds()),
        "scaleDown", Map.of("stabilizationWindowSeconds", scaling.scaleDownStabilizationSeconds())))));
    spec.put("triggers", triggers(model, scaling));
    scaledObject.setAdditionalProperty("spec", spec);
    return List.of(scaledObject);
  }

  /** The pause is the operator's: when the override ends, the annotation goes (KEDA then scales from the paused count). */
  @Override
  public void preserve(PipelineModel model, ScaledObject live, ScaledObject replacement) {
    if (model.effective().workerReplicasOverride().isEmpty() && replacement.getMetadata().getAnnotations() != null) {
      replacement.getMetadata().getAnnotations().remove(PAUSED_REPLICAS);
    }
  }

  private static List<Map<String, Object>> triggers(PipelineModel model, Autoscaling scaling) {
    List<Map<String, Object>> triggers = new ArrayList<>();
    triggers.add(utilization("cpu", scaling.cpuUtilization()));
    if (scaling.memoryUtilization() != null) {
      triggers.add(utilization("memory", scaling.memoryUtilization()));
    }
    QueueDepth queue = scaling.queueDepth();
    if (queue != null) {
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("serverAddress", serverAddress(model, queue));
      metadata.put("query", QueryTemplate.render(queue.query(), model.name(), model.namespace()));
      metadata.put("threshold", String.valueOf(queue.averageValue()));
      Map<String, Object> trigger = new LinkedHashMap<>();
      trigger.put("type", "prometheus");
      trigger.put("name", "queue-depth");
      trigger.put("metadata", metadata);
      if (TriggerAuthentications.policyPrometheus(model).map(p -> p.tls() != null && p.tls().skipsVerification())
          .orElse(false)) {
        metadata.put("unsafeSsl", "true");
      }
      List<String> authModes = TriggerAuthentications.authModes(model);
      if (!authModes.isEmpty()) {
        metadata.put("authModes", String.join(",", authModes));
        trigger.put("authenticationRef", Map.of("name", name(model)));
      }
      triggers.add(trigger);
    }
    return triggers;
  }

  /** The queue depth's own server, or the rollout policy's (the validator requires one of the two). */
  static String serverAddress(PipelineModel model, QueueDepth queue) {
    return queue.serverAddress() != null ? queue.serverAddress()
        : model.policy().map(policy -> policy.prometheus().url()).orElseThrow(() -> new IllegalStateException(
            "spec.worker.autoscaling.queueDepth.serverAddress: is required without a rolloutPolicyRef"));
  }

  static String name(PipelineModel model) {
    return ChildNames.of(model.name(), Component.WORKER);
  }

  private static Map<String, Object> utilization(String type, int percent) {
    return Map.of("type", type, "metricType", "Utilization", "metadata", Map.of("value", String.valueOf(percent)));
  }
}
