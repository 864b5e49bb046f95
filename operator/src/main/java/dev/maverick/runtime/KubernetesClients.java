package dev.maverick.runtime;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** The operator's Kubernetes client settings, the same for the operator, the demo and the tests. */
public final class KubernetesClients {
  private KubernetesClients() {}

  /**
   * {@code builder} with the JDK HTTP client on an executor of its own (two HTTP client implementations
   * are on the classpath, the demo's server needs vert.x, so one is pinned) and strings read from the API
   * shared between the cached objects.
   */
  public static KubernetesClientBuilder configure(KubernetesClientBuilder builder) {
    return builder.withHttpClientFactory(new KubernetesHttpClientFactory())
        .withKubernetesSerialization(SharedStrings.serialization());
  }
}
