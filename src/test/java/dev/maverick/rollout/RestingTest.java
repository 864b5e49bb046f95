package dev.maverick.rollout;

import static dev.maverick.rollout.RolloutHarness.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.MetricCondition;
import dev.maverick.api.MinSamples;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.Trigger;
import dev.maverick.api.TriggerMode;
import dev.maverick.prometheus.QueryResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, steady state: a pipeline whose triggers are all batched rests while they are read and
 * none breaches (its policy's ticks read it without a reconcile), and a tick's readings are quiet
 * only when the step would record nothing but their values.
 */
class RestingTest {
  private static final Trigger BATCHED = new Trigger("errorRate", "q_errorRate",
      new MetricCondition(ComparisonOperator.GreaterThan, 0.05), "2m", List.of(RolloutHarness.disable("embeddingMonitoring")),
      "sum by (pipeline) (q_errorRate)");

  private static RolloutHarness harness(Trigger... triggers) {
    return new RolloutHarness(RolloutHarness.spec("1.0", RateLimitProfile.balanced,
        RolloutHarness.flag("embeddingMonitoring", true, 100)), policy(triggers));
  }

  @Test
  void aPipelineWhoseBatchedTriggersAreQuietRestsUntilItsNextOtherWakeUp() {
    RolloutHarness h = harness(BATCHED).set("errorRate", 0.0);

    assertThat(h.tick().restingFor()).as("stable after 10m of clean, capped")
        .contains(RolloutEngine.RESTING_RECHECK);
    assertThat(h.after(Duration.ofMinutes(8)).restingFor()).as("until the revision becomes stable")
        .contains(Duration.ofMinutes(2));
    assertThat(h.after(Duration.ofMinutes(2)).restingFor()).contains(RolloutEngine.RESTING_RECHECK);
  }

  @Test
  void aBreachingUnreadOrUnbatchedTriggerDoesNotRest() {
    assertThat(harness(BATCHED).set("errorRate", 0.1).tick().restingFor()).as("breaching").isEmpty();
    assertThat(harness(BATCHED).tick().restingFor()).as("no data").isEmpty();
    Trigger unbatched = new Trigger("errorRate", "q_errorRate", BATCHED.condition(), "2m", BATCHED.actions());
    assertThat(harness(unbatched).set("errorRate", 0.0).tick().restingFor()).as("unbatched").isEmpty();
    Trigger unbatchedSamples = new Trigger("errorRate", "q_errorRate", BATCHED.condition(), "2m", BATCHED.actions(),
        BATCHED.batchQuery(), TriggerMode.Enforce, new MinSamples("q_samples", 10));
    assertThat(harness(unbatchedSamples).set("errorRate", 0.0).set(RolloutHarness.samplesOf("errorRate"), 20)
        .tick().restingFor()).as("minSamples without a batchQuery").isEmpty();
  }

  @Test
  void quietReadingsAreWhatTheStepWouldRecord() {
    RolloutHarness h = harness(BATCHED).set("errorRate", 0.0);
    h.tick();
    h.clock.advance(Duration.ofSeconds(30));
    h.set("errorRate", 0.02);

    var quiet = h.engine.restingReadings(h.policy, readings(new QueryResult.Value(0.02)));

    assertThat(quiet).contains(h.tick().status().triggers());
  }

  @Test
  void aReadingThatCouldChangeADecisionIsNotQuiet() {
    RolloutHarness h = harness(BATCHED).set("errorRate", 0.0);
    h.tick();

    assertThat(h.engine.restingReadings(h.policy, readings(new QueryResult.Value(0.1)))).as("breach").isEmpty();
    assertThat(h.engine.restingReadings(h.policy, readings(new QueryResult.NoData("empty")))).as("no data").isEmpty();
    assertThat(h.engine.restingReadings(h.policy, readings(new QueryResult.Failure("503")))).as("failure").isEmpty();
    assertThat(h.engine.restingReadings(h.policy, Readings.none())).as("not read").isEmpty();
  }

  private static Readings readings(QueryResult errorRate) {
    return new Readings(Map.of("errorRate", errorRate), Map.of());
  }
}
