package dev.maverick.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maverick.api.PrometheusSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a fake Prometheus whose answers the tests choose. */
class HttpPrometheusClientTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final FakePrometheusServer server = new FakePrometheusServer();

  @AfterEach
  void stopServer() {
    server.close();
  }

  private PrometheusClient client() {
    return client(new PrometheusSpec(server.url(), "5s", null, null), Optional.empty());
  }

  private static PrometheusClient client(PrometheusSpec spec, Optional<String> token) {
    return HttpPrometheusClient.create(spec, token, HTTP);
  }

  @Test
  void oneSampleVectorIsItsValue() {
    server.answerData("""
        {"resultType":"vector","result":[{"metric":{"pipeline":"p"},"value":[1700000000.123,"0.97"]}]}""");

    assertThat(client().query("x")).isEqualTo(new QueryResult.Value(0.97));
  }

  @Test
  void scalarIsItsValue() {
    server.answerData("""
        {"resultType":"scalar","result":[1700000000.123,"42"]}""");

    assertThat(client().query("x")).isEqualTo(new QueryResult.Value(42));
  }

  @Test
  void emptyVectorIsNoData() {
    server.answerData("""
        {"resultType":"vector","result":[]}""");

    assertThat(client().query("x")).isEqualTo(new QueryResult.NoData("query returned no series"));
  }

  @Test
  void nanIsNoDataInVectorsAndScalars() {
    server.answerData("""
        {"resultType":"vector","result":[{"metric":{},"value":[1700000000,"NaN"]}]}""");
    assertThat(client().query("x")).isEqualTo(new QueryResult.NoData("query returned NaN"));

    server.answerData("""
        {"resultType":"scalar","result":[1700000000,"NaN"]}""");
    assertThat(client().query("x")).isEqualTo(new QueryResult.NoData("query returned NaN"));
  }

  @Test
  void infinitiesAreValues() {
    server.answerData("""
        {"resultType":"scalar","result":[1700000000,"+Inf"]}""");
    assertThat(client().query("x")).isEqualTo(new QueryResult.Value(Double.POSITIVE_INFINITY));

    server.answerData("""
        {"resultType":"vector","result":[{"metric":{},"value":[1700000000,"-Inf"]}]}""");
    assertThat(client().query("x")).isEqualTo(new QueryResult.Value(Double.NEGATIVE_INFINITY));
  }

  @Test
  void severalSeriesAreAFailureThatSaysHowToAggregate() {
    server.answerData("""
        {"resultType":"vector","result":[
          {"metric":{"__name__":"embedding_queue_depth","pipeline":"a"},"value":[1700000000,"1"]},
          {"metric":{"__name__":"embedding_queue_depth","pipeline":"b"},"value":[1700000000,"2"]}]}""");

    assertThat(client().query("embedding_queue_depth")).isEqualTo(new QueryResult.Failure(
        "query returned 2 series, but it must yield one number: aggregate them, e.g. with sum(...) or max(...) "
            + "(series: embedding_queue_depth{pipeline=\"a\"}, embedding_queue_depth{pipeline=\"b\"})"));
  }

  @Test
  void manySeriesNameOnlyTheFirstThree() {
    server.answerData("""
        {"resultType":"vector","result":[
          {"metric":{"le":"1"},"value":[1700000000,"1"]},
          {"metric":{"le":"2"},"value":[1700000000,"1"]},
          {"metric":{"le":"3"},"value":[1700000000,"1"]},
          {"metric":{"le":"4"},"value":[1700000000,"1"]}]}""");

    assertThat(client().query("x")).isEqualTo(new QueryResult.Failure(
        "query returned 4 series, but it must yield one number: aggregate them, e.g. with sum(...) or max(...) "
            + "(series: {le=\"1\"}, {le=\"2\"}, {le=\"3\"}, ...)"));
  }

  @Test
  void matrixIsAFailure() {
    server.answerData("""
        {"resultType":"matrix","result":[{"metric":{},"values":[[1700000000,"1"],[1700000001,"2"]]}]}""");

    assertThat(client().query("x[5m]")).isEqualTo(new QueryResult.Failure(
        "query returned a range vector (1 series with many samples each), but it must yield one number: "
            + "remove the range selector such as [5m], or wrap it in a function such as rate(...) "
            + "and aggregate with sum(...) or max(...)"));
  }

  @Test
  void stringIsAFailure() {
    server.answerData("""
        {"resultType":"string","result":[1700000000,"hello"]}""");

    assertThat(client().query("\"hello\"")).isEqualTo(
        new QueryResult.Failure("query returned a string, but it must yield one number"));
  }

  @Test
  void errorStatusCarriesPrometheusErrorTypeAndMessage() {
    server.answer(422, """
        {"status":"error","errorType":"execution","error":"expanding series: too many samples"}""");

    assertThat(client().query("x")).isEqualTo(
        new QueryResult.Failure("Prometheus rejected the query (execution): expanding series: too many samples"));
  }

  @Test
  void http500IsAFailureWithStatusAndBody() {
    server.answer(500, "upstream\nexploded");

    assertThat(client().query("x")).isEqualTo(new QueryResult.Failure("Prometheus answered HTTP 500: upstream exploded"));
  }

  @Test
  void longErrorBodiesAreCut() {
    server.answer(502, "<html>" + "x".repeat(500) + "</html>");

    assertThat(client().query("x")).isEqualTo(
        new QueryResult.Failure("Prometheus answered HTTP 502: <html>" + "x".repeat(194) + "..."));
  }

  @Test
  void emptyErrorBodyIsSaidToBeEmpty() {
    server.answer(503, "");

    assertThat(client().query("x")).isEqualTo(new QueryResult.Failure("Prometheus answered HTTP 503: (empty body)"));
  }

  @Test
  void malformedJsonIsAFailure() {
    server.answer(200, "{\"status\":\"success\",\"data\":");

    assertThat(client().query("x")).isEqualTo(new QueryResult.Failure(
        "Prometheus answered with something that is not JSON: {\"status\":\"success\",\"data\":"));
  }

  @Test
  void jsonOfAnotherShapeIsAFailure() {
    server.answerData("""
        {"resultType":"vector","result":[{"metric":{},"value":"7"}]}""");
    assertThat(client().query("x")).isEqualTo(
        new QueryResult.Failure("unexpected answer from Prometheus: a sample is not [time, \"value\"]"));

    server.answer(200, "{\"hello\":\"world\"}");
    assertThat(client().query("x")).isEqualTo(new QueryResult.Failure(
        "unexpected answer from Prometheus: no \"status\": \"success\" in {\"hello\":\"world\"}"));

    server.answerData("""
        {"resultType":"vector","result":[{"metric":{},"value":[1700000000,"lots"]}]}""");
    assertThat(client().query("x")).isEqualTo(
        new QueryResult.Failure("unexpected answer from Prometheus: sample value \"lots\" is not a number"));
  }

  @Test
  void noAnswerWithinTheTimeoutIsAFailure() {
    server.hangBeforeHeaders();
    PrometheusClient client = client(new PrometheusSpec(server.url(), "300ms", null, null), Optional.empty());

    assertThat(client.query("x")).isEqualTo(new QueryResult.Failure("Prometheus did not answer within 300ms"));
  }

  @Test
  void aBodyThatNeverEndsIsATimeoutToo() {
    server.hangInBody();
    PrometheusClient client = client(new PrometheusSpec(server.url(), "300ms", null, null), Optional.empty());

    assertThat(client.query("x")).isEqualTo(new QueryResult.Failure("Prometheus did not answer within 300ms"));
  }

  @Test
  void sendsTheQueryToThePathPrefixWithTokenAndHeaders() {
    server.answerData("""
        {"resultType":"scalar","result":[1700000000,"1"]}""");
    PrometheusSpec spec = new PrometheusSpec(server.url() + "/tenant/prometheus/", "5s", null,
        Map.of("X-Scope-OrgID", "tenant-a"));
    String query = "sum(rate(embedding_requests_total{pipeline=\"a b\",outcome=~\"error|timeout\"}[5m])) + 1 & ü";

    assertThat(client(spec, Optional.of("s3cret")).query(query)).isEqualTo(new QueryResult.Value(1));

    FakePrometheusServer.Request request = server.requests().get(0);
    assertThat(request.path()).isEqualTo("/tenant/prometheus/api/v1/query");
    assertThat(request.query()).isEqualTo(query);
    assertThat(request.headers().get("Authorization")).containsExactly("Bearer s3cret");
    assertThat(request.headers().get("X-scope-orgid")).containsExactly("tenant-a");
  }

  @Test
  void withoutTokenNoAuthorizationIsSent() {
    server.answerData("""
        {"resultType":"scalar","result":[1700000000,"1"]}""");

    client().query("x");

    assertThat(server.requests().get(0).headers().containsKey("Authorization")).isFalse();
  }

  @Test
  void refusedConnectionNamesTheUrl() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;

    assertThat(client(new PrometheusSpec(url, "5s", null, null), Optional.of("s3cret")).query("x")).isEqualTo(
        new QueryResult.Failure("cannot connect to Prometheus at " + url + ": connection refused"));
  }

  @Test
  void unknownHostNamesTheUrlButNoCredentials() {
    PrometheusSpec spec = new PrometheusSpec("http://admin:hunter2@prometheus.does-not-exist.invalid:9090/", "5s", null, null);

    assertThat(client(spec, Optional.of("s3cret")).query("x")).isEqualTo(new QueryResult.Failure(
        "cannot connect to Prometheus at http://prometheus.does-not-exist.invalid:9090: unknown host"));
  }

  @Test
  void toStringShowsNeitherTokenNorHeaderValues() {
    PrometheusSpec spec = new PrometheusSpec(server.url() + "/", "2s", null, Map.of("X-Api-Key", "k3y"));

    assertThat(client(spec, Optional.of("s3cret"))).hasToString(
        "HttpPrometheusClient[url=" + server.url() + ", timeout=2s, bearerToken=set, headers=[X-Api-Key]]");
  }

  @Test
  void unusableSpecsAreRejectedNamingTheField() {
    assertThatThrownBy(() -> client(new PrometheusSpec("prometheus:9090", "5s", null, null), Optional.empty()))
        .hasMessage("spec.prometheus.url: \"prometheus:9090\" is not a URL such as http://prometheus-operated.monitoring.svc:9090");
    assertThatThrownBy(() -> client(new PrometheusSpec("http://p:9090/?x=1", "5s", null, null), Optional.empty()))
        .hasMessage("spec.prometheus.url: \"http://p:9090/?x=1\" must not have a query (?...) or fragment (#...); "
            + "give the base URL Prometheus is served under");
    assertThatThrownBy(() -> client(new PrometheusSpec("http://p:9090", "soon", null, null), Optional.empty()))
        .hasMessage("spec.prometheus.timeout: 'soon' is not a duration such as 30s, 10m or 1h30m");
    assertThatThrownBy(() -> client(new PrometheusSpec("http://p:9090", "0s", null, null), Optional.empty()))
        .hasMessage("spec.prometheus.timeout: must be longer than 0, e.g. 5s");
    assertThatThrownBy(() -> client(new PrometheusSpec("http://p:9090", "5s", null, Map.of("Host", "x")), Optional.empty()))
        .hasMessage("spec.prometheus.headers: header \"Host\" cannot be sent "
            + "(restricted name, or a name or value with invalid characters)");
    assertThatThrownBy(() -> client(new PrometheusSpec("http://p:9090", "5s", null, null), Optional.of("a\nb")))
        .hasMessage("spec.prometheus.bearerTokenSecretRef: the token contains characters that cannot be sent "
            + "in an HTTP header (such as a line break inside it)");
  }
}
