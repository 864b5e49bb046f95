package dev.maverick.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.Action;
import dev.maverick.api.ActionType;
import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.FreezeWindow;
import dev.maverick.api.Gate;
import dev.maverick.api.MetricCondition;
import dev.maverick.api.MinSamples;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.Stage;
import dev.maverick.api.Trigger;
import dev.maverick.api.TriggerMode;
import dev.maverick.rollout.RolloutEngine;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PolicyValidator on the rollout-control fields: minSamples, maxConcurrentRollouts, freeze, reserved names. */
class RolloutControlsValidationTest {
  private static final PrometheusSpec PROMETHEUS = new PrometheusSpec("http://prometheus:9090", null, null, null);
  private static final MetricCondition BELOW = new MetricCondition(ComparisonOperator.LessThan, 0.85);
  private static final String QUERY = "sum(rate(x{pipeline=\"{{pipeline}}\"}[5m]))";
  private static final Action ROLLBACK = new Action(ActionType.FullRollback, null, null, null, null);

  private static RolloutPolicySpec policy(List<Stage> stages, List<Trigger> triggers, Integer max,
      List<FreezeWindow> freeze) {
    return new RolloutPolicySpec(PROMETHEUS, null, null, null, null, stages, triggers, null, max, freeze);
  }

  private static Trigger trigger(String name, MinSamples minSamples) {
    return new Trigger(name, QUERY, BELOW, "1m", List.of(ROLLBACK), null, TriggerMode.Observe, minSamples);
  }

  @Test
  void everyControlValidWhenWellFormed() {
    RolloutPolicySpec spec = policy(
        List.of(new Stage("internal", null, "1h", List.of(new Gate("g", QUERY, BELOW, null,
            new MinSamples(QUERY, 100.0, "sum by (pipeline) (increase(x[5m]))"))))),
        List.of(trigger("t", new MinSamples(QUERY, 0))), 5,
        List.of(new FreezeWindow("2026-12-24T00:00:00Z", "2026-12-27T00:00:00+01:00", "holiday")));

    assertThat(PolicyValidator.validate(spec)).isEmpty();
  }

  @Test
  void minSamplesNeedsAQueryAndAThresholdOfZeroOrMore() {
    RolloutPolicySpec spec = policy(
        List.of(new Stage("internal", null, "1h", List.of(new Gate("g", QUERY, BELOW, null,
            new MinSamples(QUERY, 1.0, "sum(x{pipeline=\"{{pipeline}}\"})"))))),
        List.of(trigger("t", new MinSamples(" ", -1))), null, null);

    assertThat(PolicyValidator.validate(spec)).containsExactly(
        "spec.stages[0].gates[0].minSamples.batchQuery: must not contain {{pipeline}}: it runs once for all pipelines"
            + " of the policy and must return one series per pipeline, e.g. sum by (pipeline)"
            + " (rate(x{namespace=\"{{namespace}}\"}[5m]))",
        "spec.triggers[0].minSamples.query: required, a PromQL expression yielding one number",
        "spec.triggers[0].minSamples.threshold: required, a number of samples of 0 or more, e.g. 100");
  }

  @Test
  void maxConcurrentRolloutsIsAtLeastOne() {
    assertThat(PolicyValidator.validate(policy(null, null, 0, null)))
        .containsExactly("spec.maxConcurrentRollouts: 0 is not at least 1; leave it out for no limit");
  }

  @Test
  void freezeWindowsAreRfc3339EndAfterStartAndBounded() {
    RolloutPolicySpec spec = policy(null, null, null, List.of(
        new FreezeWindow("2026-12-27T00:00:00Z", "2026-12-27T00:00:00Z", null),
        new FreezeWindow("24 Dec", "2026-12-27T00:00:00Z", null),
        new FreezeWindow("2026-12-24T00:00:00", null, null)));

    assertThat(PolicyValidator.validate(spec)).containsExactly(
        "spec.freeze[0].end: 2026-12-27T00:00:00Z is not after start 2026-12-27T00:00:00Z",
        "spec.freeze[1].start: '24 Dec' is not an RFC 3339 timestamp such as 2026-12-24T00:00:00Z",
        "spec.freeze[2].start: '2026-12-24T00:00:00' is not an RFC 3339 timestamp such as 2026-12-24T00:00:00Z",
        "spec.freeze[2].end: 'null' is not an RFC 3339 timestamp such as 2026-12-24T00:00:00Z");

    List<FreezeWindow> many = Collections.nCopies(RolloutPolicySpec.FREEZE_WINDOWS + 1,
        new FreezeWindow("2026-12-24T00:00:00Z", "2026-12-27T00:00:00Z", null));
    assertThat(PolicyValidator.validate(policy(null, null, null, many)))
        .containsExactly("spec.freeze: 33 windows; at most 32 (remove windows that have ended)");
  }

  @Test
  void manualAbortIsAReservedTriggerName() {
    assertThat(PolicyValidator.validate(policy(null, List.of(trigger(RolloutEngine.MANUAL_ABORT, null)), null, null)))
        .containsExactly("spec.triggers[0].name: 'ManualAbort' is reserved for the operator's own actions;"
            + " choose another name");
  }
}
