package dev.maverick.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.Action;
import dev.maverick.api.ActionType;
import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.Gate;
import dev.maverick.api.MetricCondition;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.Trigger;
import dev.maverick.metrics.OperatorMetrics;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.prometheus.PrometheusClients;
import dev.maverick.prometheus.QueryResult;
import dev.maverick.testing.MutableClock;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batch queries: one query per policy, trigger and interval tick, shared by all the policy's pipelines. */
class MetricReadingsTest {
  private static final String QUERY = "max(embedding_queue_depth{namespace=\"{{namespace}}\",pipeline=\"{{pipeline}}\"})";
  private static final String BATCH = "max by (pipeline) (embedding_queue_depth{namespace=\"{{namespace}}\"})";
  private static final String BATCH_SENT = "max by (pipeline) (embedding_queue_depth{namespace=\"team-a\"})";
  private static final MetricCondition ABOVE = new MetricCondition(ComparisonOperator.GreaterThan, 500.0);
  private static final Trigger BACKLOG = new Trigger("queueBacklog", QUERY, ABOVE, "15m",
      List.of(new Action(ActionType.DisableFlag, "queueBasedProcessing", null, null, null)), BATCH);
  private static final DueQueries DUE = new DueQueries(List.of(BACKLOG), List.of());
  private static final List<String> PIPELINES = IntStream.range(0, 50).mapToObj(i -> "p" + i).toList();

  private final FakePrometheusServer prometheus = new FakePrometheusServer();
  private final MutableClock clock = MutableClock.at("2026-11-23T10:00:01Z");
  private final MetricReadings readings = new MetricReadings(new PrometheusClients((namespace, ref) -> Optional.empty()),
      new OperatorMetrics(new SimpleMeterRegistry()), clock);
  private final RolloutPolicy policy = policy();

  @AfterEach
  void close() {
    prometheus.close();
  }

  private RolloutPolicy policy() {
    RolloutPolicy policy = new RolloutPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("standard").withNamespace("team-a").withUid("u-1").build());
    policy.setSpec(new RolloutPolicySpec(new PrometheusSpec(prometheus.url(), "5s", null, null), "30s", null, null,
        null, null, List.of(BACKLOG), null));
    return policy;
  }

  /** A vector with one series per given pipeline, valued by its index in {@link #PIPELINES}. */
  private static String seriesFor(List<String> pipelines) {
    return pipelines.stream().map(p -> "{\"metric\":{\"pipeline\":\"" + p + "\"},\"value\":[1,\"" + PIPELINES.indexOf(p) + "\"]}")
        .collect(java.util.stream.Collectors.joining(",", "{\"resultType\":\"vector\",\"result\":[", "]}"));
  }

  private static String single(String value) {
    return "{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"" + value + "\"]}]}";
  }

  private QueryResult read(String pipeline) {
    return readings.read(pipeline, "team-a", policy, DUE).triggers().get("queueBacklog");
  }

  private void answer(Function<String, String> byQuery) {
    prometheus.answerEach(byQuery);
  }

  @Test
  void allPipelinesOfAPolicyShareOneQueryPerTick() {
    answer(query -> seriesFor(PIPELINES));

    for (String pipeline : PIPELINES) {
      assertThat(read(pipeline)).isEqualTo(new QueryResult.Value(PIPELINES.indexOf(pipeline)));
    }
    clock.advance(Duration.ofSeconds(28)); // still the tick [10:00:00, 10:00:30)
    PIPELINES.forEach(this::read);
    assertThat(prometheus.requests()).extracting(FakePrometheusServer.Request::query).containsExactly(BATCH_SENT);

    clock.advance(Duration.ofSeconds(2)); // 10:00:31: the next tick
    PIPELINES.forEach(this::read);
    assertThat(prometheus.requests()).extracting(FakePrometheusServer.Request::query)
        .containsExactly(BATCH_SENT, BATCH_SENT);
  }

  @Test
  void pipelinesReadingAtTheSameTimeWaitForTheOneQuery() {
    answer(query -> seriesFor(PIPELINES));

    List<QueryResult> results = PIPELINES.parallelStream().map(this::read).toList();

    assertThat(results).allMatch(QueryResult.Value.class::isInstance);
    assertThat(prometheus.requests()).hasSize(1);
  }

  @Test
  void aPipelineWithoutASeriesHasNoData() {
    answer(query -> seriesFor(List.of("p1")));

    assertThat(read("p1")).isEqualTo(new QueryResult.Value(1));
    assertThat(read("p2")).isEqualTo(new QueryResult.NoData("the batch query returned no series with pipeline=\"p2\""));
  }

  @Test
  void severalSeriesOfOnePipelineFailForThatPipelineOnly() {
    answer(query -> seriesFor(List.of("p1", "p2", "p2")));

    assertThat(read("p1")).isEqualTo(new QueryResult.Value(1));
    assertThat(read("p2")).isEqualTo(new QueryResult.Failure(
        "the batch query returned 2 series for this pipeline: aggregate them with by (pipeline)"));
  }

  @Test
  void whenTheBatchQueryFailsEachPipelineRunsItsOwnQueryAndTheBatchIsNotRetriedWithinTheTick() {
    answer(query -> query.contains("by (pipeline)") ? "{\"resultType\":\"scalar\",\"result\":[1,\"3\"]}"
        : single(query.contains("pipeline=\"p1\"") ? "11" : "12"));

    assertThat(read("p1")).isEqualTo(new QueryResult.Value(11));
    assertThat(read("p2")).isEqualTo(new QueryResult.Value(12));
    assertThat(prometheus.requests()).extracting(FakePrometheusServer.Request::query).containsExactly(BATCH_SENT,
        "max(embedding_queue_depth{namespace=\"team-a\",pipeline=\"p1\"})",
        "max(embedding_queue_depth{namespace=\"team-a\",pipeline=\"p2\"})");
  }

  @Test
  void aBatchWhoseSeriesLackThePipelineLabelFailsAsAWhole() {
    answer(query -> query.contains("by (pipeline)") ? single("3") : single("7"));

    assertThat(read("p1")).isEqualTo(new QueryResult.Value(7));
    assertThat(prometheus.requests()).hasSize(2);
  }

  @Test
  void withoutABatchQueryEveryPipelineRunsItsOwn() {
    Trigger own = new Trigger(BACKLOG.name(), QUERY, ABOVE, "15m", BACKLOG.actions());
    Gate gate = new Gate("depth", QUERY, ABOVE);
    answer(query -> single("5"));

    for (String pipeline : List.of("p1", "p2")) {
      Readings result = readings.read(pipeline, "team-a", policy, new DueQueries(List.of(own), List.of(gate)));
      assertThat(result.triggers()).containsEntry("queueBacklog", new QueryResult.Value(5));
      assertThat(result.gates()).containsEntry("depth", new QueryResult.Value(5));
    }
    assertThat(prometheus.requests()).hasSize(4);
  }

  @Test
  void gatesShareBatchQueriesToo() {
    Gate gate = new Gate("depth", QUERY, ABOVE, BATCH);
    answer(query -> seriesFor(PIPELINES));

    for (String pipeline : PIPELINES) {
      Readings result = readings.read(pipeline, "team-a", policy, new DueQueries(List.of(), List.of(gate)));
      assertThat(result.gates()).containsEntry("depth", new QueryResult.Value(PIPELINES.indexOf(pipeline)));
    }
    assertThat(prometheus.requests()).hasSize(1);
  }
}
