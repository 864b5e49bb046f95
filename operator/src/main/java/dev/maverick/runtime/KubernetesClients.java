package dev.maverick.runtime;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.pipeline.PipelineChildren;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.stream.Stream;

/** The operator's Kubernetes client settings, the same for the operator, the demo and the tests. */
public final class KubernetesClients {
  private KubernetesClients() {}

  /**
   * {@code builder} with the JDK HTTP client on an executor of its own (two HTTP client implementations
   * are on the classpath, the demo's server needs vert.x, so one is pinned), strings read from the API
   * shared between the cached objects, and the operator's custom resources known by kind.
   */
  public static KubernetesClientBuilder configure(KubernetesClientBuilder builder) {
    return builder.withHttpClientFactory(new KubernetesHttpClientFactory())
        .withKubernetesSerialization(serialization());
  }

  /**
   * A watch event names its object's kind only: a kind the serialization does not know is read as a
   * generic resource and converted once more, which was every event of a pipeline. The children's
   * core kinds are known already; registering them again changes nothing.
   */
  private static KubernetesSerialization serialization() {
    KubernetesSerialization serialization = SharedStrings.serialization();
    Stream.<Class<? extends HasMetadata>>concat(Stream.of(EmbeddingPipeline.class, RolloutPolicy.class),
            PipelineChildren.KINDS.stream().map(kind -> kind.type()))
        .forEach(serialization::registerKubernetesResource);
    return serialization;
  }
}
