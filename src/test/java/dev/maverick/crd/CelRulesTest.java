package dev.maverick.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Evaluates every CEL rule ({@code x-kubernetes-validations}) of the committed CRDs with a real
 * CEL implementation, type-checked against the schema of the node where the rule sits, on samples
 * of that node. Rules are found by walking the
 * schemas: a new rule fails {@link #everyRuleHasAPassingAndAFailingSample} until it gets samples.
 */
class CelRulesTest {

  /** A value of the node a rule sits on, and whether the rule must hold for it. */
  record Sample(String yaml, boolean holds) {}

  static Sample passes(String yaml) {
    return new Sample(yaml, true);
  }

  static Sample fails(String yaml) {
    return new Sample(yaml, false);
  }

  /** Samples by rule text; a rule found at several nodes (spec and status) is tried at each. */
  static final Map<String, List<Sample>> SAMPLES = Map.of(
      "self.min <= self.max", List.of(
          passes("{min: 3, max: 10}"),
          passes("{min: 2, max: 2}"),
          passes("{min: 0, max: 0}"),
          fails("{min: 5, max: 4}")),
      "self.type != 'DisableFlag' || has(self.flag)", List.of(
          passes("{type: DisableFlag, flag: embeddingMonitoring}"),
          passes("{type: FullRollback}"),
          fails("{type: DisableFlag}"),
          fails("{type: DisableFlag, percentage: 10}")),
      "self.type != 'SetFlagPercentage' || (has(self.flag) && has(self.percentage))", List.of(
          passes("{type: SetFlagPercentage, flag: batchOptimization, percentage: 0}"),
          passes("{type: DisableFlag, flag: batchOptimization}"),
          fails("{type: SetFlagPercentage, flag: batchOptimization}"),
          fails("{type: SetFlagPercentage, percentage: 10}"),
          fails("{type: SetFlagPercentage}")),
      "self.type != 'SetRateLimitProfile' || has(self.profile)", List.of(
          passes("{type: SetRateLimitProfile, profile: conservative}"),
          passes("{type: RevertImages}"),
          fails("{type: SetRateLimitProfile}")),
      "self.type != 'ScaleWorkers' || has(self.replicas)", List.of(
          passes("{type: ScaleWorkers, replicas: 0}"),
          passes("{type: FullRollback}"),
          fails("{type: ScaleWorkers}")),
      "!has(self.profile) || self.profile != 'custom' || (has(self.custom)"
          + " && has(self.custom.maxConcurrentRequests) && has(self.custom.requestsPerMinute)"
          + " && has(self.custom.tokensPerMinute) && has(self.custom.burstAllowance)"
          + " && has(self.custom.backoffMultiplier) && has(self.custom.maxBackoffMs))", List.of(
          passes("{profile: balanced}"),
          passes("{profile: balanced, custom: {}}"),
          passes("{}"),
          passes("""
              {profile: custom, custom: {maxConcurrentRequests: 3, requestsPerMinute: 40, tokensPerMinute: 60000,
               burstAllowance: 6, backoffMultiplier: 1.5, maxBackoffMs: 20000}}"""),
          fails("{profile: custom}"),
          fails("{profile: custom, custom: {}}"),
          fails("""
              {profile: custom, custom: {maxConcurrentRequests: 3, requestsPerMinute: 40, tokensPerMinute: 60000,
               burstAllowance: 6, backoffMultiplier: 1.5}}""")),
      // issue 11.4: every duration is at most 365d, whatever its units and however many digits
      dev.maverick.api.Durations.MAX_RULE, List.of(
          passes("30s"),
          passes("1h30m"),
          passes("365d"),
          passes("52w1d"),
          passes("8760h"),
          passes("31536000000ms"),
          passes("0s"),
          fails("366d"),
          fails("365d1ms"),
          fails("53w"),
          fails("9999999999999d"),
          fails("99999999999999999999999999999999s")));

  static List<CelRule> allRules() {
    List<CelRule> rules = new ArrayList<>();
    Crds.BY_KIND.keySet().stream().sorted()
        .forEach(kind -> rules.addAll(CelRule.collect(kind, Crds.openApiSchema(kind))));
    return rules;
  }

  @Test
  void theCrdsCarryTheExpectedRules() {
    assertThat(allRules()).extracting(rule -> rule.kind() + " " + rule.path())
        .contains(
            "EmbeddingPipeline spec.app.replicas",
            "EmbeddingPipeline spec.worker.replicas",
            "EmbeddingPipeline spec.rateLimiting",
            "RolloutPolicy spec.triggers[].actions[]");
    assertThat(allRules()).extracting(CelRule::rule).containsAll(SAMPLES.keySet());
  }

  @Test
  void everyRuleHasAPassingAndAFailingSample() {
    List<String> uncovered = new ArrayList<>();
    for (CelRule rule : allRules()) {
      List<Sample> samples = SAMPLES.getOrDefault(rule.rule(), List.of());
      Set<Boolean> outcomes = new HashSet<>();
      samples.forEach(sample -> outcomes.add(sample.holds()));
      if (!outcomes.equals(Set.of(true, false))) {
        uncovered.add(rule.toString());
      }
    }
    assertThat(uncovered).as("CEL rules without a passing and a failing sample in CelRulesTest.SAMPLES").isEmpty();
  }

  @Test
  void everyRuleGivesTheExpectedResultForEachSample() {
    List<String> wrong = new ArrayList<>();
    int evaluated = 0;
    for (CelRule rule : allRules()) {
      for (Sample sample : SAMPLES.getOrDefault(rule.rule(), List.of())) {
        JsonNode self = Crds.readYaml(sample.yaml());
        evaluated++;
        if (rule.holdsFor(self) != sample.holds()) {
          wrong.add(rule + " on " + self + " should " + (sample.holds() ? "hold" : "fail"));
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(evaluated).isGreaterThan(0);
  }

  @Test
  void theExamplesSatisfyEveryRule() {
    List<CelRule> rules = allRules();
    int checked = 0;
    for (Path file : Crds.yamlFiles(Path.of("examples"))) {
      for (JsonNode document : Crds.readDocuments(file)) {
        if (Crds.schemaFor(document.path("apiVersion").asText(), document.path("kind").asText()).isEmpty()) {
          continue;
        }
        String kind = document.path("kind").asText();
        List<CelRule> ofKind = rules.stream().filter(rule -> rule.kind().equals(kind)).toList();
        assertThat(CelRule.violations(ofKind, document)).as(file.toString()).isEmpty();
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(3);
  }

  @Test
  void rulesAreTypeCheckedAgainstTheSchemaOfTheirNode() {
    JsonNode replicas = Crds.openApiSchema("EmbeddingPipeline").at("/properties/spec/properties/app/properties/replicas");

    assertThatThrownBy(() -> new CelRule("EmbeddingPipeline", "spec.app.replicas", "self.mni <= self.max", "", replicas)
        .program()).hasMessageContaining("undefined field 'mni'");
    assertThatThrownBy(() -> new CelRule("EmbeddingPipeline", "spec.app.replicas", "self.min <= 'ten'", "", replicas)
        .program()).hasMessageContaining("no matching overload");
  }

  @Test
  void anIntegralValueOfANumberFieldIsADouble() {
    JsonNode rateLimiting = Crds.openApiSchema("EmbeddingPipeline").at("/properties/spec/properties/rateLimiting");
    CelRule rule = new CelRule("EmbeddingPipeline", "spec.rateLimiting", "self.custom.backoffMultiplier > 1.5", "",
        rateLimiting);

    assertThat(rule.holdsFor(Crds.readYaml("{custom: {backoffMultiplier: 2}}"))).isTrue();
  }

  @Test
  void aRuleIsEvaluatedWhereverItsNodeOccursInAnObject() {
    JsonNode policy = Crds.readYaml("""
        apiVersion: maverick.dev/v1alpha1
        kind: RolloutPolicy
        metadata: {name: p}
        spec:
          prometheus: {url: http://prometheus:9090}
          triggers:
          - name: a
            query: up
            condition: {operator: LessThan, threshold: 1}
            actions: [{type: FullRollback}, {type: ScaleWorkers}]
        """);
    List<CelRule> rules = allRules().stream().filter(rule -> rule.kind().equals("RolloutPolicy")).toList();

    assertThat(CelRule.violations(rules, policy))
        .containsExactly("spec.triggers[].actions[]: a ScaleWorkers action needs replicas"
            + " (self.type != 'ScaleWorkers' || has(self.replicas))");
  }
}
