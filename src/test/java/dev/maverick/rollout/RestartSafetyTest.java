package dev.maverick.rollout;

import static dev.maverick.api.ComparisonOperator.LessThan;
import static dev.maverick.rollout.RolloutHarness.disable;
import static dev.maverick.rollout.RolloutHarness.flag;
import static dev.maverick.rollout.RolloutHarness.policy;
import static dev.maverick.rollout.RolloutHarness.spec;
import static dev.maverick.rollout.RolloutHarness.stage;
import static dev.maverick.rollout.RolloutHarness.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.EmbeddingPipelineStatus;
import dev.maverick.api.Groups;
import dev.maverick.api.MetricsUnavailablePolicy;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.StageFlag;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestartSafetyTest {

  private static RolloutHarness harness() {
    return new RolloutHarness(
        spec("1", RateLimitProfile.balanced, flag("monitoring", true, 100), flag("queue", true, 100)),
        policy(MetricsUnavailablePolicy.Hold, "5m", "10m",
            List.of(stage("internal", "1h", List.of(new StageFlag("monitoring", 10)),
                RolloutHarness.gate("successGate", ComparisonOperator.GreaterThan, 0.9))),
            trigger("successRate", LessThan, 0.85, "2m", disable("queue"))))
        .set("successRate", 0.5).set("successGate", 0.5);
  }

  @Test
  void aRestartContinuesTheWindowAtItsOriginalStart() {
    RolloutHarness h = harness();
    h.tick();
    h.afterSeconds(30);

    h.restartOperator();
    assertThat(h.afterSeconds(30).actions()).isEmpty();
    h.restartOperator();
    assertThat(h.afterSeconds(30).actions()).isEmpty();

    h.restartOperator();
    RolloutStep fired = h.afterSeconds(30);
    assertThat(fired.actions()).singleElement()
        .satisfies(a -> assertThat(a.windowCompletedAt()).isEqualTo(h.at(120)));
  }

  @Test
  void aRestartNeverReappliesAnAction() {
    RolloutHarness h = harness();
    h.annotate(Groups.ANNOTATION_ROLLBACK, "1");
    h.tick();
    for (int i = 0; i < 4; i++) {
      h.afterSeconds(30);
    }
    assertThat(h.pipeline.getStatus().actions()).hasSize(2);

    for (int i = 0; i < 10; i++) {
      h.restartOperator();
      RolloutStep step = h.afterSeconds(30);
      assertThat(step.actions()).isEmpty();
      assertThat(step.transitions()).isEmpty();
      assertThat(step.effective().flags()).allSatisfy(f -> assertThat(f.enabled()).isFalse());
    }
    assertThat(h.pipeline.getStatus().actions()).hasSize(2);
  }

  @Test
  void stagePauseAndGateChecksSurviveARestart() {
    RolloutHarness h = harness();
    h.tick();
    h.after(Duration.ofHours(1));
    h.restartOperator();
    h.clock.advance(Duration.ofSeconds(10));
    assertThat(h.engine.queriesDue(h.pipeline, h.policy).gates()).isEmpty();

    h.set("successGate", 0.95);
    RolloutStep advanced = h.afterSeconds(20);
    assertThat(advanced.status().stage().name()).isEqualTo("Complete");
  }

  @Test
  void theStatusRoundTripsThroughJsonUnchanged() {
    RolloutHarness h = harness();
    h.annotate(Groups.ANNOTATION_PROMOTE, "x");
    h.tick();
    h.after(Duration.ofMinutes(3));
    EmbeddingPipelineStatus status = h.pipeline.getStatus();

    String json = Serialization.asJson(status);
    EmbeddingPipelineStatus read = Serialization.unmarshal(json, EmbeddingPipelineStatus.class);

    assertThat(read).isEqualTo(status);
    assertThat(read.memory().rolloutSpecHash()).isNotBlank();
    assertThat(read.stage().gates()).hasSize(1);
    // the engine's memory is a type of its own in code, but API.md's JSON is flat
    Map<String, Object> fields = Serialization.unmarshal(json, Map.class);
    assertThat(fields).containsKeys("rolloutGeneration", "rolloutSpecHash", "handledAnnotations", "stage")
        .doesNotContainKey("memory");
  }
}
