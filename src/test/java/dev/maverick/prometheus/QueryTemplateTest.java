package dev.maverick.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rendering alone; RealPrometheusQueryTest sends hostile renderings to the real Prometheus. */
class QueryTemplateTest {

  @Test
  void substitutesEveryPlaceholder() {
    String template = "sum(rate(embedding_requests_total{pipeline=\"{{pipeline}}\",namespace=\"{{namespace}}\",outcome=\"error\"}[5m]))"
        + " / sum(rate(embedding_requests_total{pipeline=\"{{pipeline}}\",namespace=\"{{namespace}}\"}[5m]))";

    assertThat(QueryTemplate.render(template, "paperless-maverick", "docs")).isEqualTo(
        "sum(rate(embedding_requests_total{pipeline=\"paperless-maverick\",namespace=\"docs\",outcome=\"error\"}[5m]))"
            + " / sum(rate(embedding_requests_total{pipeline=\"paperless-maverick\",namespace=\"docs\"}[5m]))");
  }

  @Test
  void leavesTemplatesWithoutPlaceholdersAlone() {
    assertThat(QueryTemplate.render("sum(embedding_queue_depth)", "p", "n")).isEqualTo("sum(embedding_queue_depth)");
  }

  @Test
  void escapesWhatWouldEndOrBreakTheStringLiteral() {
    assertThat(QueryTemplate.render("{pipeline=\"{{pipeline}}\"}", "\"} or vector(1) or {a=\"", "n"))
        .isEqualTo("{pipeline=\"\\\"} or vector(1) or {a=\\\"\"}");
    assertThat(QueryTemplate.render("\"{{pipeline}}\"", "back\\slash\\", "n")).isEqualTo("\"back\\\\slash\\\\\"");
    assertThat(QueryTemplate.render("\"{{pipeline}}\"", "a\nb\rc\td", "n")).isEqualTo("\"a\\nb\\rc\\td\"");
    assertThat(QueryTemplate.render("\"{{pipeline}}\"", "bell\u0007del\u007f", "n")).isEqualTo("\"bell\\u0007del\\u007f\"");
  }

  @Test
  void keepsUnicodeButReplacesLoneSurrogates() {
    assertThat(QueryTemplate.render("\"{{pipeline}}\"", "ünï-名前-🚀", "n")).isEqualTo("\"ünï-名前-🚀\"");
    assertThat(QueryTemplate.render("\"{{pipeline}}\"", "a\uD800b", "n")).isEqualTo("\"a\uFFFDb\"");
  }

  @Test
  void substitutesInOnePassSoValuesAreNeverTemplates() {
    assertThat(QueryTemplate.render("\"{{pipeline}}\" \"{{namespace}}\"", "{{namespace}}", "$1 \\1"))
        .isEqualTo("\"{{namespace}}\" \"$1 \\\\1\"");
  }

  @Test
  void placeholdersNextToBracesAndEachOtherAreAllFilled() {
    assertThat(QueryTemplate.render("{{{pipeline}}}{{namespace}}{{namespace}}{{", "x", "x")).isEqualTo("{x}xx{{");
    assertThat(QueryTemplate.render("{{pipeline}}{{{{namespace}}}}", "p", "")).isEqualTo("p{{}}");
  }

  @Test
  void findsUnknownPlaceholders() {
    assertThat(QueryTemplate.unknownPlaceholders("x{pipeline=\"{{pipline}}\",ns=\"{{namespace}}\",a=\"{{ pipeline }}\"}"))
        .containsExactly("{{pipline}}", "{{ pipeline }}");
    assertThat(QueryTemplate.unknownPlaceholders("x{pipeline=\"{{pipeline}}\",ns=\"{{namespace}}\"}")).isEmpty();
  }
}
