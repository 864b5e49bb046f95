package dev.maverick.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A value per uid and generation: computed once for each, never kept for an object without them, bounded. */
class ByGenerationTest {
  private final AtomicInteger computed = new AtomicInteger();
  private final ByGeneration<ConfigMap, String> names = new ByGeneration<>(8, object -> {
    computed.incrementAndGet();
    return object.getMetadata() == null ? "none" : object.getMetadata().getName() + "@" + object.getMetadata().getGeneration();
  });

  private static ConfigMap object(String uid, Long generation) {
    return new ConfigMapBuilder().withNewMetadata().withName("flags").withUid(uid).withGeneration(generation)
        .endMetadata().build();
  }

  @Test
  void eachGenerationIsComputedOnce() {
    assertThat(names.get(object("u1", 1L))).isEqualTo("flags@1");
    assertThat(names.get(object("u1", 1L))).isEqualTo("flags@1");
    assertThat(names.get(object("u1", 2L))).isEqualTo("flags@2");
    assertThat(names.get(object("u2", 2L))).isEqualTo("flags@2");

    assertThat(computed).hasValue(3);
    assertThat(names.size()).isEqualTo(2);
  }

  @Test
  void anObjectWithoutUidOrGenerationIsComputedEveryTime() {
    names.get(object(null, 1L));
    names.get(object(null, 1L));
    names.get(object("u1", null));
    names.get(new ConfigMap());

    assertThat(computed).hasValue(4);
    assertThat(names.size()).isZero();
  }

  @Test
  void deletedObjectsDoNotPileUp() {
    for (int i = 0; i < 30; i++) {
      names.get(object("uid-" + i, 1L));
      assertThat(names.size()).isLessThanOrEqualTo(8);
    }
  }
}
