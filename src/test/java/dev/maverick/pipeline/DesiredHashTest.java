package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.Groups;
import dev.maverick.fingerprint.ShortHash;
import dev.maverick.rollout.EffectiveRollout;
import dev.maverick.testing.Fixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The desired-state hash is written in one pass now, and gives the value the JSON tree of earlier
 * versions gave for every kind of child, so an upgrade of the operator rewrites no child.
 */
class DesiredHashTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void everyKindOfChildHashesAsTheJsonTreeDid() {
    List<HasMetadata> children = new ArrayList<>(PipelineChildren.desired(EcosystemExample.model(EcosystemExample.pipeline())));
    children.addAll(PipelineChildren.desired(EcosystemExample.model(EcosystemExample.pipeline(), Optional.of(0))));
    EmbeddingPipeline paperless = Fixtures.paperless();
    paperless.getMetadata().setUid("uid-1");
    paperless.getMetadata().setLabels(Map.of(Groups.SHARD_LABEL, "b"));
    children.addAll(PipelineChildren.desired(PipelineModel.of(paperless, EffectiveRollout.fromSpec(paperless.getSpec()))));

    assertThat(children).extracting(HasMetadata::getKind).contains("Deployment", "Service", "HorizontalPodAutoscaler",
        "PodDisruptionBudget", "ConfigMap", "Ingress", "NetworkPolicy", "ScaledObject", "ServiceMonitor",
        "PrometheusRule", "FeatureFlag");
    assertThat(children).as("with and without annotations and a shard label")
        .anyMatch(c -> c.getMetadata().getAnnotations() != null && !c.getMetadata().getAnnotations().isEmpty())
        .anyMatch(c -> c.getMetadata().getLabels().containsKey(Groups.SHARD_LABEL))
        .anyMatch(c -> !c.getMetadata().getLabels().containsKey(Groups.SHARD_LABEL));
    for (HasMetadata child : children) {
      SortedMap<String, String> annotations = new TreeMap<>(
          Optional.ofNullable(child.getMetadata().getAnnotations()).orElse(new HashMap<>()));
      assertThat(ChildApplier.desiredHash(child, annotations)).as(child.getKind() + " " + child.getMetadata().getName())
          .isEqualTo(treeHash(child, annotations));
    }
  }

  /** How the hash was computed up to 2026-12-03: a JSON tree of the child, its metadata replaced. */
  private static String treeHash(HasMetadata desired, SortedMap<String, String> annotations) {
    ObjectNode tree = SERIALIZATION.convertValue(desired, ObjectNode.class);
    tree.remove("metadata");
    if (!annotations.isEmpty()) {
      tree.set("metadata.annotations", SERIALIZATION.convertValue(annotations, ObjectNode.class));
    }
    Optional.ofNullable(desired.getMetadata().getLabels()).map(labels -> labels.get(Groups.SHARD_LABEL))
        .ifPresent(shard -> tree.put("metadata.labels.shard", shard));
    return ShortHash.of(tree.toString());
  }
}
