package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.testing.Fixtures;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a reconcile reads the other pipelines of its namespace only when its policy limits
 * concurrent rollouts. Listing them on every reconcile made each one cost O(pipelines): 6% of the
 * CPU to create 1,000 pipelines in one namespace, and ten times that per reconcile at 10,000.
 */
class ObservedTest {
  private final AtomicInteger listings = new AtomicInteger();

  @Test
  void otherPipelinesAreListedOnlyForAConcurrencyLimit() {
    EmbeddingPipeline pipeline = Fixtures.paperlessUsing("standard-rollout");

    Observed.of(pipeline, Fixtures.paperlessPolicy().build(), context());
    assertThat(listings).as("listings without maxConcurrentRollouts").hasValue(0);

    RolloutPolicy limited = Fixtures.paperlessPolicy().withSpecField("maxConcurrentRollouts: 2").build();
    assertThat(Observed.of(pipeline, limited, context()).slots().limit()).isEqualTo(2);
    assertThat(listings).as("listings with maxConcurrentRollouts").hasValue(1);
  }

  /** A reconcile's context holding no children, whose primary cache counts its listings. */
  @SuppressWarnings("unchecked")
  private Context<EmbeddingPipeline> context() {
    IndexedResourceCache<EmbeddingPipeline> primaries = (IndexedResourceCache<EmbeddingPipeline>) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {IndexedResourceCache.class}, (proxy, method, args) -> {
          if (!method.getName().equals("list")) {
            throw new UnsupportedOperationException(method.getName());
          }
          listings.incrementAndGet();
          return Stream.empty();
        });
    return (Context<EmbeddingPipeline>) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getSecondaryResourcesAsStream" -> Stream.empty();
          case "getPrimaryCache" -> primaries;
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
