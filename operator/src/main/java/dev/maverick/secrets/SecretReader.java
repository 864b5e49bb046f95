package dev.maverick.secrets;

import dev.maverick.api.ConfigMapKeyRef;
import dev.maverick.api.SecretKeyRef;
import java.util.Optional;

/** Reads one key of a Secret, decoded; empty when the Secret or the key does not exist. */
public interface SecretReader {

  /** May throw when the Secret cannot be read (e.g. forbidden); callers turn that into a status. */
  Optional<String> read(String namespace, SecretKeyRef ref);

  /** One key of a ConfigMap (e.g. a CA bundle, which is not secret); empty when it does not exist. */
  default Optional<String> readConfigMap(String namespace, ConfigMapKeyRef ref) {
    return Optional.empty();
  }
}
