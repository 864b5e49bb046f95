package dev.maverick.secrets;

import dev.maverick.api.ConfigMapKeyRef;
import dev.maverick.api.SecretKeyRef;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Reads Secret keys through the Kubernetes API (the base64 {@code data} map). */
public final class KubernetesSecretReader implements SecretReader {
  private final KubernetesClient kubernetes;

  public KubernetesSecretReader(KubernetesClient kubernetes) {
    this.kubernetes = kubernetes;
  }

  @Override
  public Optional<String> read(String namespace, SecretKeyRef ref) {
    Secret secret = kubernetes.secrets().inNamespace(namespace).withName(ref.name()).get();
    if (secret == null || secret.getData() == null || !secret.getData().containsKey(ref.key())) {
      return Optional.empty();
    }
    try {
      byte[] decoded = Base64.getDecoder().decode(secret.getData().get(ref.key()));
      return Optional.of(new String(decoded, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("key \"" + ref.key() + "\" of Secret \"" + ref.name() + "\" is not valid base64");
    }
  }

  @Override
  public Optional<String> readConfigMap(String namespace, ConfigMapKeyRef ref) {
    ConfigMap configMap = kubernetes.configMaps().inNamespace(namespace).withName(ref.name()).get();
    return configMap == null || configMap.getData() == null ? Optional.empty()
        : Optional.ofNullable(configMap.getData().get(ref.key()));
  }

  @Override
  public String toString() {
    return "KubernetesSecretReader";
  }
}
