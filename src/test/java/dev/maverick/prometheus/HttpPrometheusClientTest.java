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
        "query returned 2 series, but it must yield one number: aggregate them, e.g. with sum(...) or max(...)"));
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
        "query returned 4 series, but it must yield one number: aggregate them, e.g. with sum(...) or max(...)"));
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
  void errorStatusCarriesPrometheusErrorTypeButNotItsMessage() {
    server.answer(422, """
        {"status":"error","errorType":"execution","error":"expanding series: too many samples"}""");

    assertThat(client().query("x")).isEqualTo(new QueryResult.Failure("Prometheus rejected the query (execution, "
        + "HTTP 422): the query failed while running (e.g. too many samples); try it in the Prometheus UI"));
  }

  @Test
  void anErrorTypePrometheusDoesNotHaveIsNotRepeated() {
    server.answer(400, """
        {"status":"error","errorType":"internal-db-password=hunter2","error":"hunter2"}""");

    assertThat(client().query("x")).isEqualTo(new QueryResult.Failure(
        "Prometheus rejected the query (unknown error type, HTTP 400): Prometheus' own log says why"));
  }

  /** Issue 11.5: whoever writes a policy chooses the URL; what it answers must not come back through status. */
  @Test
  void httpErrorsAreStatusAndClassNeverTheBody() {
    server.answer(500, "upstream\nexploded");
    assertThat(client().query("x")).isEqualTo(new QueryResult.Failure("HTTP 500 from Prometheus (server error)"));

    server.answer(502, "<html>" + "x".repeat(500) + "</html>");
    assertThat(client().query("x")).isEqualTo(new QueryResult.Failure("HTTP 502 from Prometheus (server error)"));

    server.answer(503, "");
    assertThat(client().query("x")).isEqualTo(new QueryResult.Failure("HTTP 503 from Prometheus (server error)"));

    server.answer(418, "internal secret");
    assertThat(client().query("x")).isEqualTo(new QueryResult.Failure("HTTP 418 from Prometheus (client error)"));

    server.answer(401, "internal secret");
    assertThat(client().query("x")).isEqualTo(
        new QueryResult.Failure("unauthorized (401): check basicAuthSecretRef or bearerTokenSecretRef"));

    server.answer(403, "internal secret");
    assertThat(client().query("x")).isEqualTo(
        new QueryResult.Failure("forbidden (403): the credentials may not query this Prometheus"));
  }

  @Test
  void anInternalServiceAnsweringJsonIsNotPrometheusJsonAndNotEchoed() {
    server.answer(200, "{\"users\":[{\"name\":\"admin\",\"password\":\"hunter2\"}]}");

    QueryResult result = client().query("x");
    assertThat(result).isEqualTo(new QueryResult.Failure("response is not Prometheus JSON (HTTP 200): check that "
        + "spec.prometheus.url is the base URL Prometheus serves /api/v1/query under"));
  }

  @Test
  void malformedJsonIsAFailure() {
    server.answer(200, "{\"status\":\"success\",\"data\":");

    assertThat(client().query("x")).isEqualTo(new QueryResult.Failure("response is not Prometheus JSON (HTTP 200): "
        + "check that spec.prometheus.url is the base URL Prometheus serves /api/v1/query under"));
  }

  @Test
  void jsonOfAnotherShapeIsAFailure() {
    server.answerData("""
        {"resultType":"vector","result":[{"metric":{},"value":"7"}]}""");
    assertThat(client().query("x")).isEqualTo(
        new QueryResult.Failure("unexpected answer from Prometheus: a sample is not [time, \"value\"]"));

    server.answerData("""
        {"resultType":"vector","result":[{"metric":{},"value":[1700000000,"lots"]}]}""");
    assertThat(client().query("x")).isEqualTo(
        new QueryResult.Failure("unexpected answer from Prometheus: a sample value is not a number"));
  }

  /** Issue 11.5: a huge answer is an error, read no further than the cap. */
  @Test
  void anAnswerLargerThanTheCapIsAFailureNotAnOutOfMemory() {
    server.answerData("{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"pad\":\""
        + "x".repeat(HttpPrometheusClient.MAX_RESPONSE_BYTES) + "\"},\"value\":[1,\"1\"]}]}");

    assertThat(client().query("x")).isEqualTo(
        new QueryResult.Failure("response larger than 1 MiB: a trigger's query must yield one number"));

    server.answerData("{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"pad\":\""
        + "x".repeat(HttpPrometheusClient.MAX_RESPONSE_BYTES - 200) + "\"},\"value\":[1,\"1\"]}]}");
    assertThat(client().query("x")).isEqualTo(new QueryResult.Value(1));
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
