package dev.maverick.rollout;

import static dev.maverick.rollout.RolloutHarness.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.MetricCondition;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, reaction delay: a batch query is answered once per tick of the policy's interval, so the
 * pipelines of a batched policy evaluate at the ticks (an evaluation mid-tick would read an answer up
 * to an interval old); unbatched pipelines keep their own phase.
 */
class IntervalTicksTest {
  private static final Trigger BATCHED = new Trigger("errorRate", "q_errorRate",
      new MetricCondition(ComparisonOperator.GreaterThan, 0.05), "2m", List.of(RolloutHarness.disable("embeddingMonitoring")),
      "sum by (pipeline) (q_errorRate)");

  @Test
  void ticksAreTheMultiplesOfTheIntervalSinceTheEpoch() {
    Duration interval = Duration.ofSeconds(30);
    assertThat(IntervalTicks.start(Instant.parse("2026-01-01T00:00:07Z").toEpochMilli(), interval))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    assertThat(IntervalTicks.next(Instant.parse("2026-01-01T00:00:07Z"), interval))
        .isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));
    assertThat(IntervalTicks.next(Instant.parse("2026-01-01T00:00:30Z"), interval))
        .isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
  }

  @Test
  void aTimerForTheNextTickNeverFiresBeforeIt() {
    Duration interval = Duration.ofSeconds(30);
    for (Instant moment : List.of(Instant.parse("2026-01-01T00:00:29.999600Z"), Instant.parse("2026-01-01T00:00:07Z"),
        Instant.parse("2026-01-01T00:00:12.345678901Z"))) {
      Instant fires = moment.plus(IntervalTicks.untilNext(moment, interval));
      assertThat(fires).as("from " + moment).isAfter(IntervalTicks.next(moment, interval))
          .isBefore(IntervalTicks.next(moment, interval).plusMillis(3));
    }
  }

  @Test
  void aBatchedPolicysPipelineEvaluatesAtTheNextTick() {
    RolloutHarness h = new RolloutHarness(RolloutHarness.spec("1.0", RateLimitProfile.balanced,
        RolloutHarness.flag("embeddingMonitoring", true, 100)), policy(BATCHED));
    h.clock.advance(Duration.ofSeconds(7));
    h.set("errorRate", 0.0);

    RolloutStep first = h.tick();

    assertThat(first.requeueAfter()).isEqualTo(Duration.ofSeconds(23));
    assertThat(h.afterSeconds(20).status().lastEvaluated()).as("not due before the tick")
        .isEqualTo("2026-01-01T00:00:07Z");
    assertThat(h.afterSeconds(3).status().lastEvaluated()).isEqualTo("2026-01-01T00:00:30Z");
  }

  @Test
  void anUnbatchedPolicysPipelineKeepsItsOwnPhase() {
    Trigger unbatched = new Trigger("errorRate", "q_errorRate", BATCHED.condition(), "2m", BATCHED.actions());
    RolloutHarness h = new RolloutHarness(RolloutHarness.spec("1.0", RateLimitProfile.balanced,
        RolloutHarness.flag("embeddingMonitoring", true, 100)), policy(unbatched));
    h.clock.advance(Duration.ofSeconds(7));
    h.set("errorRate", 0.0);

    assertThat(h.tick().requeueAfter()).isEqualTo(Duration.ofSeconds(30));
  }
}
