package dev.maverick.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.testing.Fixtures;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The copy JOSDK reconciles: equal to the cached object, and nothing it changes reaches the cache. */
class KeepingUnreadableClonerTest {
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final KeepingUnreadableCloner cloner = new KeepingUnreadableCloner(serialization);

  @Test
  void aPipelineCopyIsEqualAndItsMetadataIsItsOwn() {
    EmbeddingPipeline cached = Fixtures.paperless();
    cached.getMetadata().setResourceVersion("7");
    cached.getMetadata().setAnnotations(Map.of("maverick.dev/retry", "1"));

    EmbeddingPipeline copy = cloner.clone(cached);

    assertThat(serialization.asJson(copy)).isEqualTo(serialization.asJson(cached));
    copy.getMetadata().setResourceVersion("8");
    copy.getMetadata().getAnnotations().put("someone", "else");
    assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(cached.getMetadata().getAnnotations()).containsOnlyKeys("maverick.dev/retry");
  }

  @Test
  void aPolicyCopyIsEqual() {
    RolloutPolicy cached = Fixtures.paperlessPolicy().build();
    assertThat(serialization.asJson(cloner.clone(cached))).isEqualTo(serialization.asJson(cached));
  }

  @Test
  void anUnreadablePipelineStaysUnreadable() {
    EmbeddingPipeline unreadable = serialization.unmarshal("""
        {"apiVersion": "maverick.dev/v1alpha1", "kind": "EmbeddingPipeline",
         "metadata": {"name": "broken", "namespace": "ns"}, "spec": {"app": "not an object"}}""",
        EmbeddingPipeline.class);
    assertThat(unreadable.unreadable()).isPresent();

    assertThat(cloner.clone(unreadable).unreadable()).isEqualTo(unreadable.unreadable());
  }

  @Test
  void otherKindsAreCopiedBySerialization() {
    ConfigMap cached = new ConfigMapBuilder().withNewMetadata().withName("flags").endMetadata()
        .addToData("k", "v").build();
    ConfigMap copy = cloner.clone(cached);
    assertThat(copy).isEqualTo(cached).isNotSameAs(cached);
    assertThat(copy.getData()).isNotSameAs(cached.getData());
  }
}
