package dev.maverick.pipeline;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.integrations.ApiDiscovery;
import dev.maverick.rollout.EffectiveRollout;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** examples/paperless-maverick-ecosystem: the pipeline using every ecosystem field, and its policy. */
public final class EcosystemExample {
  public static final Path DIRECTORY = Path.of("examples", "paperless-maverick-ecosystem");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private EcosystemExample() {}

  public static EmbeddingPipeline pipeline() {
    EmbeddingPipeline pipeline = read("pipeline.yaml", EmbeddingPipeline.class);
    pipeline.getMetadata().setUid("uid-ecosystem");
    return pipeline;
  }

  public static RolloutPolicy policy() {
    return read("policy.yaml", RolloutPolicy.class);
  }

  /**
   * The example's policy reaching Prometheus over mutual TLS (CA from a ConfigMap) with basic auth
   * instead of the bearer token, and {@code insecureSkipVerify} as given.
   */
  public static RolloutPolicy policyWithTlsAndBasicAuth(boolean insecureSkipVerify) {
    try {
      String yaml = Files.readString(DIRECTORY.resolve("policy.yaml")).replace(
          "    bearerTokenSecretRef: {name: prometheus-token, key: token}\n", """
              basicAuthSecretRef: {name: prometheus-basic}
              tls:
                caConfigMapRef: {name: prometheus-ca, key: ca.crt}
                clientCertSecretRef: {name: prometheus-client}
                insecureSkipVerify: %s
          """.formatted(insecureSkipVerify));
      return SERIALIZATION.unmarshal(yaml, RolloutPolicy.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The model the operator builds on a cluster serving every optional API, without overrides. */
  public static PipelineModel model(EmbeddingPipeline pipeline) {
    return model(pipeline, Optional.empty());
  }

  public static PipelineModel model(EmbeddingPipeline pipeline, Optional<Integer> workerReplicasOverride) {
    return model(pipeline, workerReplicasOverride, policy());
  }

  public static PipelineModel model(EmbeddingPipeline pipeline, Optional<Integer> workerReplicasOverride,
      RolloutPolicy policy) {
    EffectiveRollout spec = EffectiveRollout.fromSpec(pipeline.getSpec());
    EffectiveRollout effective = new EffectiveRollout(spec.flags(), spec.rateLimitProfile(), spec.appImage(),
        spec.workerImage(), workerReplicasOverride);
    return PipelineModel.of(pipeline, effective, policy.getSpec(), ApiDiscovery.all());
  }

  private static <T> T read(String file, Class<T> type) {
    try {
      return SERIALIZATION.unmarshal(Files.readString(DIRECTORY.resolve(file)), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
