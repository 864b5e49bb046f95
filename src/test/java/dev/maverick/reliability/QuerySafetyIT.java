package dev.maverick.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.maverick.api.Phase;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.egress.UrlAllowList;
import dev.maverick.prometheus.FakePrometheusServer;
import dev.maverick.prometheus.QueryTemplate;
import dev.maverick.status.Conditions;
import dev.maverick.testing.Fixtures;
import dev.maverick.runtime.OperatorSettings;
import dev.maverick.testing.OperatorHarness;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6.7, through the operator: the query Prometheus receives is the template with the
 * pipeline's name and namespace inside their string literals, and a policy whose placeholder sits
 * where a name could change the query (or is misspelt) is refused before any query is sent.
 * QueryTemplateTest covers hostile values themselves.
 */
class QuerySafetyIT {
  private final FakePrometheusServer prometheus = new FakePrometheusServer();
  @RegisterExtension
  final OperatorHarness k8s = OperatorHarness.builder().build();

  @BeforeEach
  void start() {
    prometheus.answerData("""
        {"resultType":"vector","result":[{"metric":{},"value":[1700000000,"0.99"]}]}""");
  }

  @AfterEach
  void stop() {
    prometheus.close();
  }

  @Test
  void theQuerySentIsTheTemplateWithQuotedNames() {
    k8s.create(policy("quoted", "sum(rate(embedding_requests_total{pipeline=\"{{pipeline}}\",namespace=\"{{namespace}}\"}[5m]))"));
    k8s.create(Fixtures.paperless("or-vector-1", "quoted"));
    await().until(() -> !prometheus.requests().isEmpty());
    assertThat(prometheus.requests().get(0).query()).isEqualTo(
        "sum(rate(embedding_requests_total{pipeline=\"or-vector-1\",namespace=\"paperless-maverick\"}[5m]))");
    Figures.print("query-safety", "operatorPathQueries=" + prometheus.requests().size()
        + " exact=" + prometheus.requests().stream().map(FakePrometheusServer.Request::query).distinct().count());
  }

  @Test
  void aPlaceholderOutsideAStringOrMisspeltStallsThePipelineWithoutQuerying() {
    k8s.create(policy("bare", "embedding_queue_depth > {{pipeline}} or x{pipeline=\"{{pipline}}\"}"));
    k8s.create(Fixtures.paperless("bare-user", "bare"));
    await().untilAsserted(() -> {
      var status = k8s.pipeline("bare-user").getStatus();
      assertThat(status.phase()).isEqualTo(Phase.Invalid);
      assertThat(Conditions.find(status.conditions(), Conditions.STALLED)).hasValueSatisfying(c -> assertThat(
          c.getMessage()).contains("spec.triggers[0].query: {{pipeline}} must be inside a double-quoted string")
          .contains("spec.triggers[0].query: unknown placeholder {{pipline}}"));
    });
    assertThat(prometheus.requests()).isEmpty();
  }

  @Test
  void onlyPlaceholdersInsideDoubleQuotedStringsAreSafe() {
    assertThat(QueryTemplate.placeholdersOutsideDoubleQuotes("x{pipeline=\"{{pipeline}}\",ns=\"{{namespace}}\"}"))
        .isEmpty();
    assertThat(QueryTemplate.placeholdersOutsideDoubleQuotes("x{a=\"\\\"{{pipeline}}\"}")).isEmpty();
    assertThat(QueryTemplate.placeholdersOutsideDoubleQuotes("x{pipeline='{{pipeline}}'}")).containsExactly("{{pipeline}}");
    assertThat(QueryTemplate.placeholdersOutsideDoubleQuotes("x{pipeline=`{{pipeline}}`}")).containsExactly("{{pipeline}}");
    assertThat(QueryTemplate.placeholdersOutsideDoubleQuotes("\"{{pipeline}}\" {{namespace}} > 1"))
        .containsExactly("{{namespace}}");
  }

  /** Issue 11.5: with an allow-list, a policy pointing elsewhere (e.g. at an internal service) is Stalled, never queried. */
  @Test
  void aPolicyOutsideTheAllowedPrometheusUrlsIsStalledAndNeverQueried() {
    k8s.stopOperator();
    k8s.startOperator(new OperatorSettings(Set.of(), 0, false, "", "maverick-operator", 4,
        UrlAllowList.parse("http://prometheus-operated.monitoring.svc:9090"), UrlAllowList.ANY, "", true));
    k8s.create(policy("internal", "x{pipeline=\"{{pipeline}}\"}"));
    k8s.create(Fixtures.paperless("reader", "internal"));
    String expected = "spec.prometheus.url: not under the operator's allowed Prometheus URL prefixes "
        + "(http://prometheus-operated.monitoring.svc:9090)";
    await().untilAsserted(() -> assertThat(Conditions.find(k8s.policy("internal").getStatus().conditions(),
        Conditions.STALLED)).hasValueSatisfying(c -> {
          assertThat(c.getStatus()).isEqualTo("True");
          assertThat(c.getMessage()).contains(expected);
        }));
    await().untilAsserted(() -> assertThat(Conditions.find(k8s.pipeline("reader").getStatus().conditions(),
        Conditions.STALLED)).hasValueSatisfying(c -> assertThat(c.getMessage()).contains(expected)));
    assertThat(prometheus.requests()).isEmpty();
  }

  private RolloutPolicy policy(String name, String query) {
    return Fixtures.paperlessPolicy().withName(name).withPrometheus(prometheus.url(), "5s").withQuery(query).build();
  }
}
