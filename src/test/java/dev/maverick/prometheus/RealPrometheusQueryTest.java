package dev.maverick.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.PrometheusSpec;
import dev.maverick.testing.RealPrometheus;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Queries against the real prometheus binary scraping values the tests set: what the client makes
 * of each kind of answer, and that rendered templates match only the literal names they were given.
 */
class RealPrometheusQueryTest {
  /** Names no Kubernetes object can have, each trying to break out of the label literal. */
  static final List<String> HOSTILE_NAMES = List.of(
      "a\"b",
      "\"} or vector(1) or {a=\"",
      "\\\"} or vector(1) or {a=\"",
      "ends-with-backslash\\",
      "line\nbreak\r\ttab",
      "bell\u0007",
      "ünïcödé-名前-🚀",
      "{{namespace}}",
      "$1 ${pipeline} \\1");
  static final String HOSTILE_NAMESPACE = "ns\"} or vector(2) or {a=\"";

  @RegisterExtension
  static final RealPrometheus prometheus = new RealPrometheus();

  private static PrometheusClient client;

  @BeforeAll
  static void exposeMetrics() {
    prometheus.metrics()
        .gauge("embedding_queue_depth", Map.of("pipeline", "alpha", "namespace", "team-a"), 250)
        .gauge("embedding_queue_depth", Map.of("pipeline", "beta", "namespace", "team-a"), 12)
        .gauge("embedding_api_quota_used_ratio", Map.of("pipeline", "alpha", "namespace", "team-a"), Double.NaN)
        .counter("embedding_requests_total", Map.of("pipeline", "alpha", "outcome", "success"), 990);
    for (int i = 0; i < HOSTILE_NAMES.size(); i++) {
      prometheus.metrics().gauge("injection_probe", Map.of("pipeline", HOSTILE_NAMES.get(i), "namespace", HOSTILE_NAMESPACE), i + 1);
    }
    prometheus.metrics().gauge("injection_probe", Map.of("pipeline", "other", "namespace", "team-a"), 100);
    prometheus.awaitSample("count(embedding_queue_depth)", 2);
    prometheus.awaitSample("count(injection_probe)", HOSTILE_NAMES.size() + 1);
    client = HttpPrometheusClient.create(new PrometheusSpec(prometheus.url() + "/", "5s", null, null),
        Optional.empty(), HttpClient.newHttpClient());
  }

  @Test
  void oneSeriesIsItsValue() {
    assertThat(client.query("embedding_queue_depth{pipeline=\"alpha\"}")).isEqualTo(new QueryResult.Value(250));
    assertThat(client.query("sum(embedding_queue_depth)")).isEqualTo(new QueryResult.Value(262));
  }

  @Test
  void scalarIsItsValue() {
    assertThat(client.query("scalar(embedding_requests_total) / 10")).isEqualTo(new QueryResult.Value(99));
  }

  @Test
  void noSeriesIsNoData() {
    assertThat(client.query("embedding_queue_depth{pipeline=\"gamma\"}"))
        .isEqualTo(new QueryResult.NoData("query returned no series"));
  }

  @Test
  void nanIsNoData() {
    assertThat(client.query("0/0")).isEqualTo(new QueryResult.NoData("query returned NaN"));
    assertThat(client.query("embedding_api_quota_used_ratio")).isEqualTo(new QueryResult.NoData("query returned NaN"));
  }

  @Test
  void divisionByZeroIsAnInfiniteValue() {
    assertThat(client.query("1/0")).isEqualTo(new QueryResult.Value(Double.POSITIVE_INFINITY));
  }

  @Test
  void severalSeriesAreAFailure() {
    // the series' labels are Prometheus' answer: not repeated (issue 11.5)
    assertThat(client.query("sort(embedding_queue_depth)")).isEqualTo(new QueryResult.Failure(
        "query returned 2 series, but it must yield one number: aggregate them, e.g. with sum(...) or max(...)"));
  }

  @Test
  void rangeVectorIsAFailure() {
    assertThat(client.query("embedding_queue_depth{pipeline=\"alpha\"}[1m]")).isEqualTo(new QueryResult.Failure(
        "query returned a range vector (1 series with many samples each), but it must yield one number: "
            + "remove the range selector such as [5m], or wrap it in a function such as rate(...) "
            + "and aggregate with sum(...) or max(...)"));
  }

  @Test
  void badPromqlIsPrometheusError() {
    assertThat(client.query("sum(rate(embedding_requests_total[5m])")).isEqualTo(new QueryResult.Failure(
        "Prometheus rejected the query (bad_data, HTTP 400): the query is not valid PromQL; try it in the Prometheus UI"));
  }

  @Test
  void anOutageIsAFailureUntilPrometheusIsBack() {
    try {
      prometheus.stop();

      assertThat(client.query("sum(embedding_queue_depth)")).isEqualTo(
          new QueryResult.Failure("cannot connect to Prometheus at " + prometheus.url() + ": connection refused"));
    } finally {
      prometheus.start();
    }
    await().atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(client.query("sum(embedding_queue_depth)")).isEqualTo(new QueryResult.Value(262)));
  }

  @ParameterizedTest
  @FieldSource("HOSTILE_NAMES")
  void aRenderedNameMatchesOnlyItsOwnSeries(String pipeline) {
    String query = QueryTemplate.render(
        "sum(injection_probe{pipeline=\"{{pipeline}}\", namespace=\"{{namespace}}\"})", pipeline, HOSTILE_NAMESPACE);

    assertThat(client.query(query)).isEqualTo(new QueryResult.Value(HOSTILE_NAMES.indexOf(pipeline) + 1));
  }

  @Test
  void aRenderedNameWithoutSeriesMatchesNothing() {
    String query = QueryTemplate.render("injection_probe{pipeline=\"{{pipeline}}\"}", "x\"} or vector(42) or {a=\"", "ns");

    assertThat(client.query(query)).isEqualTo(new QueryResult.NoData("query returned no series"));
  }
}
