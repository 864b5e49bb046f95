package dev.maverick.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.runtime.MaverickOperator;
import dev.maverick.runtime.OperatorSettings;
import dev.maverick.testing.MutableClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's exact invariants at N=20, in the default test run (see BENCHMARKS.md for the
 * figures): the operator writes nothing beyond one create per child and the status writes that carry
 * news, nothing at all at steady state, and asks Prometheus one batch query per trigger and interval
 * tick whatever the number of pipelines. The operator runs in-process on a clock the test moves, so
 * that every pipeline evaluates in the same tick; nothing here asserts a duration.
 */
class BenchmarkGuardTest {
  private static final int PIPELINES = 20;
  private static final Duration INTERVAL = Duration.ofSeconds(5);

  @Test
  void creationWritesTheMinimumSteadyStateWritesNothingAndQueriesDoNotGrowWithPipelines() throws Exception {
    MutableClock clock = MutableClock.at("2026-11-23T10:00:01Z"); // 1 s into a tick of the 5 s interval
    try (BenchCluster cluster = BenchCluster.start(PIPELINES);
        KubernetesClient operatorClient = cluster.server.createClient()) {
      cluster.createPolicy(INTERVAL, true);
      MaverickOperator operator = MaverickOperator.start(operatorClient, OperatorSettings.embedded(), clock,
          new SimpleMeterRegistry());
      try {
        cluster.watch();
        await().until(operator::healthy);
        cluster.flushRequests();
        ApiRequests.Phase creation = cluster.requests.startPhase();
        cluster.createPipelines();
        cluster.awaitAllChildren(Duration.ofSeconds(90));
        cluster.awaitAllReady(Duration.ofSeconds(90));
        Thread.sleep(1000); // lets any trailing write arrive, so that it would be counted
        cluster.flushRequests();

        assertThat(cluster.children()).isEqualTo(PIPELINES * BenchCluster.CHILDREN_PER_PIPELINE);
        assertThat(creation.writes()).as("operator writes during creation: %s", creation.counts())
            .isEqualTo(PIPELINES * BenchCluster.CHILDREN_PER_PIPELINE + creation.informativeStatusWrites());
        assertThat(cluster.queryTexts()).as("one batch query per trigger for the first tick")
            .hasSize(BenchCluster.TRIGGERS).allMatch(query -> query.contains("by (pipeline)"));

        ApiRequests.Phase steady = cluster.requests.startPhase();
        clock.advance(INTERVAL); // the next tick: every pipeline's next evaluation falls in it
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.queries() >= 2 * BenchCluster.TRIGGERS);
        Thread.sleep(INTERVAL.toMillis() + 1000); // every pipeline's requeue has run once more
        cluster.flushRequests();

        List<String> queries = cluster.queryTexts();
        assertThat(queries).as("one batch query per trigger and tick").hasSize(2 * BenchCluster.TRIGGERS);
        assertThat(queries.subList(BenchCluster.TRIGGERS, queries.size()))
            .containsExactlyElementsOf(queries.subList(0, BenchCluster.TRIGGERS));
        assertThat(steady.writes()).as("operator writes at steady state: %s", steady.counts()).isZero();
      } finally {
        operator.close();
      }
    }
  }
}
