package dev.maverick.rollout;

import static dev.maverick.rollout.RolloutHarness.disable;
import static dev.maverick.rollout.RolloutHarness.flag;
import static dev.maverick.rollout.RolloutHarness.fullRollback;
import static dev.maverick.rollout.RolloutHarness.gate;
import static dev.maverick.rollout.RolloutHarness.policy;
import static dev.maverick.rollout.RolloutHarness.profile;
import static dev.maverick.rollout.RolloutHarness.scaleWorkers;
import static dev.maverick.rollout.RolloutHarness.spec;
import static dev.maverick.rollout.RolloutHarness.stage;
import static dev.maverick.rollout.RolloutHarness.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.Groups;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.StageFlag;
import dev.maverick.api.Trigger;
import dev.maverick.api.TriggerStatus;
import dev.maverick.prometheus.QueryResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random but reproducible histories (seeded): an operator restarted before every reconcile decides
 * exactly as one that never restarts, and every action is backed by a complete {@code for} window.
 */
class RolloutSimulationTest {
  private static final RolloutPolicySpec POLICY = policy(MetricsUnavailablePolicy.Rollback, "3m", "5m",
      List.of(
          stage("internal", "2m", List.of(new StageFlag("monitoring", 10)),
              gate("successGate", ComparisonOperator.GreaterThanOrEqual, 0.5)),
          stage("half", "1m", List.of(new StageFlag("monitoring", 50), new StageFlag("queue", 30)))),
      trigger("errorRate", ComparisonOperator.GreaterThan, 0.5, "1m", disable("queue")),
      trigger("quota", ComparisonOperator.GreaterThanOrEqual, 0.5, "0s", profile(RateLimitProfile.conservative),
          scaleWorkers(1)),
      trigger("latency", ComparisonOperator.LessThan, 0.5, "2m30s", fullRollback()));

  private static EmbeddingPipelineSpec spec(int version, boolean paused) {
    return RolloutHarness.paused(RolloutHarness.spec(String.valueOf(version), RateLimitProfile.balanced,
        flag("monitoring", true, 100), flag("queue", true, 80)), paused);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void aRestartedOperatorDecidesLikeOneThatNeverRestarts(int seed) {
    Random random = new Random(seed);
    RolloutHarness steady = new RolloutHarness(spec(1, false), POLICY);
    RolloutHarness restarted = new RolloutHarness(spec(1, false), POLICY);
    Map<String, List<Evaluation>> evaluations = new HashMap<>();
    int version = 1;
    boolean paused = false;
    List<String> reasons = new ArrayList<>();

    for (int i = 0; i < 150; i++) {
      List<Consumer<RolloutHarness>> changes = new ArrayList<>();
      int dice = random.nextInt(100);
      if (dice < 40) {
        String name = List.of("errorRate", "quota", "latency", "successGate").get(random.nextInt(4));
        QueryResult result = reading(random);
        changes.add(h -> h.set(name, result));
      } else if (dice < 44) {
        String annotation = List.of(Groups.ANNOTATION_ROLLBACK, Groups.ANNOTATION_RETRY, Groups.ANNOTATION_PROMOTE)
            .get(random.nextInt(3));
        String value = "v" + random.nextInt(3);
        changes.add(h -> h.annotate(annotation, value));
      } else if (dice < 47) {
        if (random.nextBoolean()) {
          version++;
        } else {
          paused = !paused;
        }
        EmbeddingPipelineSpec edited = spec(version, paused);
        changes.add(h -> h.edit(edited));
      }
      Duration elapsed = Duration.ofSeconds(1 + random.nextInt(60));
      changes.add(h -> h.clock.advance(elapsed));
      changes.forEach(c -> c.accept(steady));
      changes.forEach(c -> c.accept(restarted));

      RolloutStep expected = steady.tick();
      restarted.restartOperatorKeepingObjectMeta();
      RolloutStep actual = restarted.tick();

      assertThat(actual).as("step %d", i).isEqualTo(expected);
      checkInvariants(expected, steady, evaluations);
      expected.actions().forEach(a -> reasons.add(a.reason()));
      expected.transitions().forEach(t -> reasons.add(t.reason()));
    }
    assertThat(reasons).as("the history exercised actions").isNotEmpty();
  }

  private static QueryResult reading(Random random) {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return new QueryResult.NoData("empty result");
    }
    if (kind == 1) {
      return new QueryResult.Failure("timeout");
    }
    return new QueryResult.Value(random.nextInt(11) / 10.0);
  }

  private record Evaluation(Instant at, boolean breaching) {}

  private static void checkInvariants(RolloutStep step, RolloutHarness h, Map<String, List<Evaluation>> evaluations) {
    Instant now = h.now();
    for (Trigger trigger : h.lastDue.triggers()) {
      TriggerStatus status = step.status().triggers().stream()
          .filter(t -> t.name().equals(trigger.name())).findFirst().orElseThrow();
      evaluations.computeIfAbsent(trigger.name(), n -> new ArrayList<>())
          .add(new Evaluation(now, Boolean.TRUE.equals(status.breaching())));
    }
    for (AppliedAction action : step.actions()) {
      assertThat(action.appliedAt()).isEqualTo(now);
      assertThat(action.windowCompletedAt()).isBeforeOrEqualTo(now);
      POLICY.triggers().stream().filter(t -> t.name().equals(action.trigger())).findFirst().ifPresent(t -> {
        Instant since = action.windowCompletedAt().minus(Duration.parse("PT" + t.forDuration().toUpperCase()));
        assertThat(evaluations.get(t.name()))
            .filteredOn(e -> !e.at().isBefore(since))
            .isNotEmpty()
            .allSatisfy(e -> assertThat(e.breaching()).isTrue());
      });
    }
    assertThat(step.status().actions().size()).isLessThanOrEqualTo(RolloutEngine.ACTION_HISTORY);
    assertThat(step.status().stage().index()).isBetween(0, POLICY.stages().size());
    assertThat(step.requeueAfter().isNegative()).isFalse();
    long distinctFired = step.status().memory().overrides().stream().map(o -> o.trigger()).distinct().count();
    assertThat(step.status().memory().overrides()).hasSizeLessThanOrEqualTo((int) distinctFired * 2);
  }
}
