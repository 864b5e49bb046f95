package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.egress.UrlAllowList;
import dev.maverick.testing.Fixtures;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The validate step validates a spec once per generation, and looks at unreadable fields every time. */
class ValidationTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final Validation validation = new Validation(UrlAllowList.ANY);

  /** A fresh object each time, as the informer hands out after every write; the name is not a DNS label. */
  private static EmbeddingPipeline invalidPipeline(String uid, Long generation) {
    EmbeddingPipeline pipeline = Fixtures.paperless();
    pipeline.getMetadata().setName("Paperless_Maverick");
    pipeline.getMetadata().setUid(uid);
    pipeline.getMetadata().setGeneration(generation);
    return pipeline;
  }

  private static RolloutPolicy invalidPolicy(String uid, Long generation) {
    RolloutPolicy policy = Fixtures.paperlessPolicy().withInterval("soon").build();
    policy.getMetadata().setUid(uid);
    policy.getMetadata().setGeneration(generation);
    return policy;
  }

  @Test
  void aGenerationIsValidatedOnce() {
    assertValidatedOncePerGeneration(ValidationTest::invalidPipeline, validation::pipeline,
        "metadata.name: 'Paperless_Maverick' must be a DNS label");
  }

  @Test
  void aNewGenerationIsValidatedAgain() {
    validation.pipeline(invalidPipeline("u1", 1L));
    EmbeddingPipeline fixed = Fixtures.paperless();
    fixed.getMetadata().setUid("u1");
    fixed.getMetadata().setGeneration(2L);

    assertThat(validation.pipeline(fixed)).isEmpty();
  }

  @Test
  void aStatusThatBecameUnreadableIsSeenWithoutANewGeneration() {
    EmbeddingPipeline readable = Fixtures.paperless();
    readable.getMetadata().setUid("u1");
    readable.getMetadata().setGeneration(1L);
    assertThat(validation.pipeline(readable)).isEmpty();

    ObjectNode json = JSON.convertValue(readable, ObjectNode.class);
    json.putObject("status").put("phase", "Sideways");
    EmbeddingPipeline unreadable = JSON.unmarshal(json.toString(), EmbeddingPipeline.class);

    assertThat(validation.pipeline(unreadable)).singleElement().asString().startsWith("status.phase: cannot read");
  }

  @Test
  void aPolicyIsValidatedOncePerGenerationAndOneNeverStoredEveryTime() {
    assertValidatedOncePerGeneration(ValidationTest::invalidPolicy, validation::policy, "spec.interval:");
    List<String> unstored = validation.policy(invalidPolicy(null, null));
    assertThat(validation.policy(invalidPolicy(null, null))).isNotSameAs(unstored).isEqualTo(unstored);
  }

  /** The same uid and generation get the problems found before; another uid or generation is validated anew. */
  private static <T> void assertValidatedOncePerGeneration(BiFunction<String, Long, T> stored,
      Function<T, List<String>> validate, String problem) {
    List<String> first = validate.apply(stored.apply("u1", 1L));

    assertThat(first).singleElement().asString().startsWith(problem);
    assertThat(validate.apply(stored.apply("u1", 1L))).isSameAs(first);
    assertThat(validate.apply(stored.apply("u1", 2L))).isNotSameAs(first).isEqualTo(first);
    assertThat(validate.apply(stored.apply("u2", 1L))).isNotSameAs(first).isEqualTo(first);
  }
}
