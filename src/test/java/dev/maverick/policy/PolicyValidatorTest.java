package dev.maverick.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maverick.api.Action;
import dev.maverick.api.ActionType;
import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.FeatureFlag;
import dev.maverick.api.Gate;
import dev.maverick.api.MetricCondition;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RateLimiting;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.Stage;
import dev.maverick.api.StageFlag;
import dev.maverick.api.Trigger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyValidatorTest {
  private static final PrometheusSpec PROMETHEUS = new PrometheusSpec("http://prometheus:9090", null, null, null);
  private static final MetricCondition BELOW = new MetricCondition(ComparisonOperator.LessThan, 0.85);
  private static final String QUERY = "sum(rate(embedding_requests_total{pipeline=\"{{pipeline}}\",outcome=\"success\"}[5m]))"
      + " / sum(rate(embedding_requests_total{pipeline=\"{{pipeline}}\"}[5m]))";

  private static Trigger trigger(String name, String forDuration, Action... actions) {
    return new Trigger(name, QUERY, BELOW, forDuration, List.of(actions));
  }

  private static Action disable(String flag) {
    return new Action(ActionType.DisableFlag, flag, null, null, null);
  }

  private static RolloutPolicySpec policy(List<Stage> stages, Trigger... triggers) {
    return new RolloutPolicySpec(PROMETHEUS, null, null, null, null, stages, List.of(triggers), null);
  }

  private static final RolloutPolicySpec VALID = policy(
      List.of(new Stage("internal", List.of(new StageFlag("embeddingMonitoring", 10)), "48h",
              List.of(new Gate("successRate", QUERY, new MetricCondition(ComparisonOperator.GreaterThanOrEqual, 0.99)))),
          new Stage("quarter", List.of(new StageFlag("embeddingMonitoring", 25)), "48h", null)),
      trigger("embeddingSuccessRate", "10m", disable("embeddingMonitoring")),
      trigger("systemErrorRate", "5m", new Action(ActionType.FullRollback, null, null, null, null)),
      trigger("apiQuota", "2m", new Action(ActionType.SetRateLimitProfile, null, null, RateLimitProfile.conservative, null)),
      trigger("backlog", "15m", new Action(ActionType.ScaleWorkers, null, null, null, 0),
          new Action(ActionType.SetFlagPercentage, "embeddingMonitoring", 5, null, null)));

  /** Of a pipeline, validateAgainst reads only the feature flags and the rate limiting. */
  private static final EmbeddingPipelineSpec PIPELINE = new EmbeddingPipelineSpec(null, null,
      List.of(new FeatureFlag("embeddingMonitoring", true, 100, null, null),
          new FeatureFlag("queueBasedProcessing", false, 0, null, null)),
      new RateLimiting(RateLimitProfile.balanced, null), null, null, null);

  @Test
  void aBatchQueryRunsForAllPipelinesSoItMustNotNameOne() {
    String batch = "sum by (pipeline) (rate(embedding_requests_total{namespace=\"{{namespace}}\"}[5m]))";
    Trigger batched = new Trigger("t", QUERY, BELOW, "1m", List.of(disable("embeddingMonitoring")), batch);
    Trigger naming = new Trigger("t", QUERY, BELOW, "1m", List.of(disable("embeddingMonitoring")),
        "sum(rate(x{pipeline=\"{{pipeline}}\"}[5m]))");
    Trigger open = new Trigger("t", QUERY, BELOW, "1m", List.of(disable("embeddingMonitoring")), "sum by (pipeline) (x");

    assertThat(PolicyValidator.validate(policy(null, batched))).isEmpty();
    assertThat(PolicyValidator.validate(policy(null, naming))).singleElement().asString()
        .startsWith("spec.triggers[0].batchQuery: must not contain {{pipeline}}");
    assertThat(PolicyValidator.validate(policy(null, open))).singleElement().asString()
        .startsWith("spec.triggers[0].batchQuery: ");
  }

  @Test
  void aCompletePolicyIsValid() {
    assertThat(PolicyValidator.validate(VALID)).isEmpty();
    assertThat(PolicyValidator.validateAgainst(VALID, PIPELINE)).isEmpty();
  }

  @Test
  void malformedDurationsNameTheField() {
    RolloutPolicySpec spec = new RolloutPolicySpec(new PrometheusSpec("http://p:9090", "soon", null, null), "0s",
        null, "5 minutes", "1x", List.of(new Stage("a", null, "2 days", null)),
        List.of(trigger("ok", "10m", disable("f")), trigger("bad", "5x", disable("f"))), null);

    assertThat(PolicyValidator.validate(spec)).containsExactly(
        "spec.prometheus.timeout: 'soon' is not a duration such as 30s, 10m or 1h30m",
        "spec.interval: must be greater than 0, e.g. 30s",
        "spec.metricsUnavailableGrace: '5 minutes' is not a duration such as 30s, 10m or 1h30m",
        "spec.stableAfter: '1x' is not a duration such as 30s, 10m or 1h30m",
        "spec.stages[0].pause: '2 days' is not a duration such as 30s, 10m or 1h30m",
        "spec.triggers[1].for: '5x' is not a duration such as 30s, 10m or 1h30m");
  }

  /** Issue 11.4: a duration the pattern allows but the engine's clock cannot add is invalid, never a crash. */
  @Test
  void everyDurationIsAtMost365Days() {
    RolloutPolicySpec spec = new RolloutPolicySpec(new PrometheusSpec("http://p:9090", "366d", null, null), "53w",
        null, "8761h", "365d1ms", List.of(new Stage("a", null, "9999999999999d", null), new Stage("b", null, "365d", null)),
        List.of(trigger("ok", "52w1d", disable("f")), trigger("long", Long.MAX_VALUE + "ms", disable("f"))), null);

    assertThat(PolicyValidator.validate(spec)).containsExactly(
        "spec.prometheus.timeout: '366d' is longer than the maximum of 365d",
        "spec.interval: '53w' is longer than the maximum of 365d",
        "spec.metricsUnavailableGrace: '8761h' is longer than the maximum of 365d",
        "spec.stableAfter: '365d1ms' is longer than the maximum of 365d",
        "spec.stages[0].pause: '9999999999999d' is longer than the maximum of 365d",
        "spec.triggers[1].for: '9223372036854775807ms' is longer than the maximum of 365d");
    assertThat(dev.maverick.api.Durations.parse("365d")).isEqualTo(dev.maverick.api.Durations.MAX);
    assertThat(dev.maverick.api.Durations.parse("31536000000ms")).isEqualTo(dev.maverick.api.Durations.MAX);
  }

  /** The engine never sees such a policy (the reconciler validates first), but would not crash on it either. */
  @Test
  void aHugePauseIsRejectedBeforeAnyArithmetic() {
    assertThatThrownBy(() -> dev.maverick.api.Durations.parse("9999999999999d"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("365d");
    assertThatThrownBy(() -> dev.maverick.api.Durations.parse("1" + "0".repeat(100_000) + "s"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 64 characters")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void namesMustBeUniqueAndNotReserved() {
    Gate gate = new Gate("g", QUERY, BELOW);
    RolloutPolicySpec spec = policy(
        List.of(new Stage("s", null, null, List.of(gate, gate)), new Stage("s", null, null, null)),
        trigger("t", "1m", disable("f")), trigger("t", "1m", disable("f")),
        trigger("ManualRollback", "1m", disable("f")));

    assertThat(PolicyValidator.validate(spec)).containsExactly(
        "spec.stages[1].name: 's' is used twice; names must be unique",
        "spec.stages[0].gates[1].name: 'g' is used twice; names must be unique",
        "spec.triggers[1].name: 't' is used twice; names must be unique",
        "spec.triggers[2].name: 'ManualRollback' is reserved for the operator's own actions; choose another name");
  }

  @Test
  void actionsNeedTheirFields() {
    RolloutPolicySpec spec = policy(List.of(), trigger("t", "1m",
        new Action(ActionType.DisableFlag, null, null, null, null),
        new Action(ActionType.SetFlagPercentage, "f", null, null, null),
        new Action(ActionType.SetFlagPercentage, "f", 150, null, null),
        new Action(ActionType.SetRateLimitProfile, null, null, null, null),
        new Action(ActionType.ScaleWorkers, null, null, null, null),
        new Action(null, null, null, null, null),
        new Action(ActionType.RevertImages, null, null, null, null)),
        new Trigger("empty", QUERY, BELOW, "1m", List.of()));

    assertThat(PolicyValidator.validate(spec)).containsExactly(
        "spec.triggers[0].actions[0].flag: DisableFlag needs the flag's name",
        "spec.triggers[0].actions[1].percentage: SetFlagPercentage needs a percentage from 0 to 100",
        "spec.triggers[0].actions[2].percentage: 150 is not a percentage from 0 to 100",
        "spec.triggers[0].actions[3].profile: SetRateLimitProfile needs conservative, balanced, aggressive or custom",
        "spec.triggers[0].actions[4].replicas: ScaleWorkers needs a replica count of 0 or more",
        "spec.triggers[0].actions[5].type: required, one of DisableFlag, SetFlagPercentage, SetRateLimitProfile,"
            + " ScaleWorkers, RevertImages, FullRollback",
        "spec.triggers[1].actions: at least one action is required, e.g. [{type: DisableFlag, flag: myFlag}]");
  }

  @Test
  void stageFlagsAndConditionsAreChecked() {
    RolloutPolicySpec spec = policy(List.of(new Stage("s", List.of(new StageFlag("f", 101), new StageFlag("g", -1)),
        null, List.of(new Gate("g", QUERY, new MetricCondition(null, null))))),
        new Trigger("t", QUERY, null, "1m", List.of(disable("f"))));

    assertThat(PolicyValidator.validate(spec)).containsExactly(
        "spec.stages[0].flags[0].rolloutPercentage: 101 is not a percentage from 0 to 100",
        "spec.stages[0].flags[1].rolloutPercentage: -1 is not a percentage from 0 to 100",
        "spec.stages[0].gates[0].condition.operator: required, one of LessThan, LessThanOrEqual, GreaterThan,"
            + " GreaterThanOrEqual",
        "spec.stages[0].gates[0].condition.threshold: required, a number",
        "spec.triggers[0].condition: required, e.g. {operator: GreaterThan, threshold: 0.1}");
  }

  @Test
  void prometheusUrlIsRequired() {
    RolloutPolicySpec spec = new RolloutPolicySpec(null, null, null, null, null, null, null, null);

    assertThat(PolicyValidator.validate(spec))
        .containsExactly("spec.prometheus.url: required, e.g. http://prometheus-operated.monitoring.svc:9090");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "sum(rate(x[5m])) | ",
      "x{job=\"a}b\"} | ",
      "x{job=~'a{2}'} | ",
      "label_replace(x, \"dst\", \"$1\", \"src\", \"(.*)\") | ",
      "sum(rate(x[5m]) | unclosed '('",
      "x{job=\"a\"}) | unbalanced ')' at position 10",
      "sum(x]) | unbalanced ']' at position 5",
      "x{job=\"a} | unterminated string literal"})
  void queriesNeedBalancedBrackets(String query, String problem) {
    assertThat(PrometheusChecks.unbalancedBracket(query)).isEqualTo(problem);
  }

  @Test
  void blankAndUnbalancedQueriesAreReported() {
    RolloutPolicySpec spec = policy(List.of(),
        new Trigger("blank", " ", BELOW, "1m", List.of(disable("f"))),
        new Trigger("open", "sum(rate(x[5m])", BELOW, "1m", List.of(disable("f"))));

    assertThat(PolicyValidator.validate(spec)).containsExactly(
        "spec.triggers[0].query: required, a PromQL expression yielding one number",
        "spec.triggers[1].query: unclosed '(' in 'sum(rate(x[5m])'");
  }

  @Test
  void flagsMustExistInThePipeline() {
    RolloutPolicySpec spec = policy(
        List.of(new Stage("s", List.of(new StageFlag("embeddingMonitoring", 10), new StageFlag("batching", 5)), null, null)),
        trigger("t", "1m", disable("embeddingMonitoring"), disable("queueProcessing")),
        trigger("u", "1m", new Action(ActionType.SetRateLimitProfile, null, null, RateLimitProfile.custom, null)));

    assertThat(PolicyValidator.validateAgainst(spec, PIPELINE)).containsExactly(
        "spec.stages[0].flags[1].name: 'batching' is not a feature flag of the pipeline"
            + " (its flags: embeddingMonitoring, queueBasedProcessing)",
        "spec.triggers[0].actions[1].flag: 'queueProcessing' is not a feature flag of the pipeline"
            + " (its flags: embeddingMonitoring, queueBasedProcessing)",
        "spec.triggers[1].actions[0].profile: 'custom' needs spec.rateLimiting.custom in the pipeline, which is"
            + " not set; use conservative, balanced or aggressive");
  }

  private static List<String> prometheusProblems(String url, dev.maverick.api.PrometheusTls tls,
      dev.maverick.api.BasicAuthSecretRef basicAuth, dev.maverick.api.SecretKeyRef token) {
    return PolicyValidator.validate(new RolloutPolicySpec(new PrometheusSpec(url, null, token, null, tls, basicAuth),
        null, null, null, null, null, List.of(trigger("t", "1m", disable("embeddingMonitoring"))), null));
  }

  /** Issue 11.7: what the TLS and basic-auth fields may not combine to. */
  @Test
  void tlsAndBasicAuthFieldsAreChecked() {
    var ca = new dev.maverick.api.SecretKeyRef("prom-ca", "ca.crt");
    var caMap = new dev.maverick.api.ConfigMapKeyRef("corp-ca", "ca.crt");
    var client = new dev.maverick.api.LocalObjectRef("prom-client");
    var basic = new dev.maverick.api.BasicAuthSecretRef("prom-basic", null, null);
    assertThat(prometheusProblems("https://p:9090", new dev.maverick.api.PrometheusTls(ca, null, client,
        "prometheus.monitoring.svc", false), basic, null)).isEmpty();
    assertThat(basic.usernameKey()).isEqualTo("username");
    assertThat(basic.passwordKey()).isEqualTo("password");

    assertThat(prometheusProblems("https://p:9090", new dev.maverick.api.PrometheusTls(ca, caMap, null, null, null),
        null, null)).containsExactly("spec.prometheus.tls: set caSecretRef or caConfigMapRef, not both");
    assertThat(prometheusProblems("http://p:9090", new dev.maverick.api.PrometheusTls(ca, null, null, null, null),
        null, null)).containsExactly("spec.prometheus.tls: applies to https:// URLs only; spec.prometheus.url is not one");
    assertThat(prometheusProblems("https://p:9090", new dev.maverick.api.PrometheusTls(ca, null, null, null, true),
        null, null)).singleElement().asString().startsWith("spec.prometheus.tls.insecureSkipVerify: verifies nothing");
    assertThat(prometheusProblems("https://p:9090", new dev.maverick.api.PrometheusTls(null, null, null,
        "not a name!", null), null, null)).containsExactly("spec.prometheus.tls.serverName: 'not a name!' is not a DNS name");
    assertThat(prometheusProblems("https://p:9090", new dev.maverick.api.PrometheusTls(
        new dev.maverick.api.SecretKeyRef("prom-ca", " "), null, null, null, null), null, null))
        .containsExactly("spec.prometheus.tls.caSecretRef: name and keys are required");
    assertThat(prometheusProblems("https://p:9090", null, basic, new dev.maverick.api.SecretKeyRef("tok", "token")))
        .containsExactly("spec.prometheus.basicAuthSecretRef: set it or bearerTokenSecretRef, not both"
            + " (each is an Authorization header)");
    assertThat(prometheusProblems("https://p:9090", new dev.maverick.api.PrometheusTls(null, null, null, null, true),
        null, null)).isEmpty();
  }
}
