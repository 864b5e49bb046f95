package dev.maverick.pipeline;

import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.Trigger;
import dev.maverick.integrations.ClusterApi;
import dev.maverick.integrations.PrometheusRule;
import dev.maverick.prometheus.QueryTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * With {@code monitoring.prometheusRule}: a PrometheusRule {@code <name>-rollout} with one alert per
 * trigger of the rollout policy, so on-call sees the signal the operator acts on: the trigger's
 * query (placeholders filled in as the operator fills them), its condition and {@code for}.
 */
public final class PrometheusRules implements ChildKind<PrometheusRule> {

  @Override
  public Class<PrometheusRule> type() {
    return PrometheusRule.class;
  }

  @Override
  public Optional<ClusterApi> api() {
    return Optional.of(ClusterApi.PROMETHEUS_OPERATOR);
  }

  @Override
  public List<PrometheusRule> desired(PipelineModel model) {
    if (!model.spec().monitoring().prometheusRule() || model.policy().isEmpty()
        || model.policy().get().triggers().isEmpty()) {
      return List.of();
    }
    List<Map<String, Object>> rules = model.policy().get().triggers().stream()
        .map(trigger -> alert(model, trigger)).toList();
    // API.md labels every child app or worker; the rollout's triggers watch the app's release
    PrometheusRule rule = new PrometheusRule();
    rule.setMetadata(model.metadata(ChildNames.rolloutRule(model.name()), Component.APP));
    rule.setAdditionalProperty("spec", Map.of("groups",
        List.of(Map.of("name", "maverick-" + model.namespace() + "-" + model.name(), "rules", rules))));
    return List.of(rule);
  }

  private static Map<String, Object> alert(PipelineModel model, Trigger trigger) {
    String query = QueryTemplate.render(trigger.query(), model.name(), model.namespace());
    String condition = operator(trigger.condition().operator()) + " " + threshold(trigger.condition().threshold());
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("alert", "MaverickRolloutTrigger");
    alert.put("expr", "(" + query + ") " + condition);
    alert.put("for", trigger.forDuration());
    alert.put("labels", Map.of("pipeline", model.name(), "trigger", trigger.name(), "severity", "warning"));
    alert.put("annotations", Map.of(
        "summary", "Rollout trigger " + trigger.name() + " of EmbeddingPipeline " + model.namespace() + "/"
            + model.name() + " is breaching",
        "description", "The query has been " + condition + " for " + trigger.forDuration() + " (value: {{ $value }});"
            + " maverick-operator takes the trigger's actions: " + trigger.actions().stream()
                .map(action -> action.type().name()).toList() + "."));
    return alert;
  }

  private static String operator(ComparisonOperator operator) {
    return switch (operator) {
      case LessThan -> "<";
      case LessThanOrEqual -> "<=";
      case GreaterThan -> ">";
      case GreaterThanOrEqual -> ">=";
    };
  }

  /** Whole thresholds without ".0" (PromQL reads both; people read the short one). */
  private static String threshold(double threshold) {
    return threshold == Math.rint(threshold) && !Double.isInfinite(threshold)
        ? String.valueOf((long) threshold) : String.valueOf(threshold);
  }
}
