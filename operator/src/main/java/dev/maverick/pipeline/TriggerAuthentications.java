package dev.maverick.pipeline;

import dev.maverick.api.PrometheusSpec;
import dev.maverick.integrations.ClusterApi;
import dev.maverick.integrations.TriggerAuthentication;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KEDA's TriggerAuthentication {@code <name>-worker}: the rollout policy's Prometheus bearer token
 * (a Secret reference, never its value) for the queue-depth trigger. Only when that trigger asks
 * the policy's own Prometheus: a token is never sent to a server the user named elsewhere.
 */
public final class TriggerAuthentications implements ChildKind<TriggerAuthentication> {

  @Override
  public Class<TriggerAuthentication> type() {
    return TriggerAuthentication.class;
  }

  @Override
  public Optional<ClusterApi> api() {
    return Optional.of(ClusterApi.KEDA);
  }

  /** Whether the queue-depth trigger needs the policy's bearer token. */
  static boolean needed(PipelineModel model) {
    var queue = model.spec().worker().autoscaling().queueDepth();
    if (!model.kedaScaled() || queue == null || model.policy().isEmpty()) {
      return false;
    }
    PrometheusSpec prometheus = model.policy().get().prometheus();
    return prometheus.bearerTokenSecretRef() != null
        && ScaledObjects.serverAddress(model, queue).equals(prometheus.url());
  }

  @Override
  public List<TriggerAuthentication> desired(PipelineModel model) {
    if (!needed(model)) {
      return List.of();
    }
    var token = model.policy().get().prometheus().bearerTokenSecretRef();
    TriggerAuthentication auth = new TriggerAuthentication();
    auth.setMetadata(model.metadata(ScaledObjects.name(model), Component.WORKER));
    auth.setAdditionalProperty("spec", Map.of("secretTargetRef",
        List.of(Map.of("parameter", "bearerToken", "name", token.name(), "key", token.key()))));
    return List.of(auth);
  }
}
