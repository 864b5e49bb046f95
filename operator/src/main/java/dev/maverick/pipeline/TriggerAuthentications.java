package dev.maverick.pipeline;

import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.PrometheusTls;
import dev.maverick.integrations.ClusterApi;
import dev.maverick.integrations.TriggerAuthentication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KEDA's TriggerAuthentication {@code <name>-worker}: the rollout policy's Prometheus credentials
 * (references to their Secrets and ConfigMaps, never values) for the queue-depth trigger, as KEDA's
 * prometheus scaler names them: a bearer token ({@code bearer}), basic auth ({@code basic}), a client
 * certificate with its CA ({@code tls}). Only when that trigger asks the policy's own Prometheus: a
 * credential is never sent to a server the user named elsewhere.
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

  /** The policy's Prometheus settings when the queue-depth trigger asks that Prometheus. */
  static Optional<PrometheusSpec> policyPrometheus(PipelineModel model) {
    var queue = model.spec().worker().autoscaling().queueDepth();
    if (!model.kedaScaled() || queue == null || model.policy().isEmpty()) {
      return Optional.empty();
    }
    PrometheusSpec prometheus = model.policy().get().prometheus();
    return ScaledObjects.serverAddress(model, queue).equals(prometheus.url()) ? Optional.of(prometheus) : Optional.empty();
  }

  /**
   * The trigger's {@code authModes}, empty without credentials. TLS needs a client certificate:
   * KEDA's tls mode is mutual TLS (a CA alone cannot be given to it; docs/ecosystem.md).
   */
  static List<String> authModes(PipelineModel model) {
    return policyPrometheus(model).map(prometheus -> {
      List<String> modes = new ArrayList<>();
      if (prometheus.tls() != null && prometheus.tls().clientCertSecretRef() != null) {
        modes.add("tls");
      }
      if (prometheus.bearerTokenSecretRef() != null) {
        modes.add("bearer");
      }
      if (prometheus.basicAuthSecretRef() != null) {
        modes.add("basic");
      }
      return List.copyOf(modes);
    }).orElse(List.of());
  }

  @Override
  public List<TriggerAuthentication> desired(PipelineModel model) {
    List<String> modes = authModes(model);
    if (modes.isEmpty()) {
      return List.of();
    }
    PrometheusSpec prometheus = policyPrometheus(model).orElseThrow();
    List<Map<String, String>> secrets = new ArrayList<>();
    List<Map<String, String>> configMaps = new ArrayList<>();
    if (modes.contains("tls")) {
      PrometheusTls tls = prometheus.tls();
      String certificate = tls.clientCertSecretRef().name();
      secrets.add(reference("cert", certificate, "tls.crt"));
      secrets.add(reference("key", certificate, "tls.key"));
      if (tls.caSecretRef() != null) {
        secrets.add(reference("ca", tls.caSecretRef().name(), tls.caSecretRef().key()));
      } else if (tls.caConfigMapRef() != null) {
        configMaps.add(reference("ca", tls.caConfigMapRef().name(), tls.caConfigMapRef().key()));
      }
    }
    if (prometheus.bearerTokenSecretRef() != null) {
      var token = prometheus.bearerTokenSecretRef();
      secrets.add(reference("bearerToken", token.name(), token.key()));
    }
    if (prometheus.basicAuthSecretRef() != null) {
      var basic = prometheus.basicAuthSecretRef();
      secrets.add(reference("username", basic.name(), basic.usernameKey()));
      secrets.add(reference("password", basic.name(), basic.passwordKey()));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("secretTargetRef", secrets);
    if (!configMaps.isEmpty()) {
      spec.put("configMapTargetRef", configMaps);
    }
    TriggerAuthentication auth = new TriggerAuthentication();
    auth.setMetadata(model.metadata(ScaledObjects.name(model), Component.WORKER));
    auth.setAdditionalProperty("spec", spec);
    return List.of(auth);
  }

  private static Map<String, String> reference(String parameter, String name, String key) {
    return Map.of("parameter", parameter, "name", name, "key", key);
  }
}
