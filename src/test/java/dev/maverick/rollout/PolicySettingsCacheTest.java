package dev.maverick.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.Action;
import dev.maverick.api.ByGeneration;
import dev.maverick.api.ActionType;
import dev.maverick.api.ComparisonOperator;
import dev.maverick.api.MetricCondition;
import dev.maverick.api.PrometheusSpec;
import dev.maverick.api.RolloutPolicy;
import dev.maverick.api.RolloutPolicySpec;
import dev.maverick.api.Stage;
import dev.maverick.api.Trigger;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A policy's settings are parsed once per uid and generation, and the cache stays small. */
class PolicySettingsCacheTest {
  private static final PrometheusSpec PROMETHEUS = new PrometheusSpec("http://prometheus:9090", null, null, null);
  private static final Trigger TRIGGER = new Trigger("errors", "x{pipeline=\"{{pipeline}}\"}",
      new MetricCondition(ComparisonOperator.GreaterThan, 0.1), "5m",
      List.of(new Action(ActionType.FullRollback, null, null, null, null)));

  private final PolicySettingsCache cache = new PolicySettingsCache();

  /** A fresh object each time, as the informer hands out after every write to the policy. */
  private static RolloutPolicy policy(String uid, Long generation, String interval) {
    RolloutPolicy policy = new RolloutPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("standard-rollout").withNamespace("docs").withUid(uid)
        .withGeneration(generation).build());
    policy.setSpec(new RolloutPolicySpec(PROMETHEUS, interval, null, null, "1h",
        List.of(new Stage("internal", List.of(), "2h", null)), List.of(TRIGGER), null));
    return policy;
  }

  @Test
  void theSameGenerationIsParsedOnce() {
    PolicySettings first = cache.settings(policy("u1", 1L, "30s"));

    assertThat(cache.settings(policy("u1", 1L, "30s"))).isSameAs(first);
    assertThat(first.interval).isEqualTo(Duration.ofSeconds(30));
    assertThat(first.stableAfter).isEqualTo(Duration.ofHours(1));
    assertThat(first.pause(0)).isEqualTo(Duration.ofHours(2));
    assertThat(first.forWindow(TRIGGER)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aNewGenerationIsParsedAgainAndReplacesTheOldOne() {
    PolicySettings first = cache.settings(policy("u1", 1L, "30s"));
    PolicySettings second = cache.settings(policy("u1", 2L, "1m"));

    assertThat(second).isNotSameAs(first);
    assertThat(second.interval).isEqualTo(Duration.ofMinutes(1));
    assertThat(cache.settings(policy("u1", 2L, "1m"))).isSameAs(second);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void policiesWithTheSameGenerationAreKeptApart() {
    PolicySettings one = cache.settings(policy("u1", 1L, "30s"));
    PolicySettings other = cache.settings(policy("u2", 1L, "2m"));

    assertThat(other).isNotSameAs(one);
    assertThat(cache.settings(policy("u1", 1L, "30s")).interval).isEqualTo(Duration.ofSeconds(30));
    assertThat(cache.settings(policy("u2", 1L, "2m")).interval).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void aPolicyNeverStoredByTheApiServerIsParsedEveryTime() {
    PolicySettings first = cache.settings(policy(null, null, "30s"));

    assertThat(cache.settings(policy(null, null, "45s"))).isNotSameAs(first)
        .satisfies(s -> assertThat(s.interval).isEqualTo(Duration.ofSeconds(45)));
    assertThat(cache.size()).isZero();
  }

  @Test
  void noPolicyHasTheFixedDefaults() {
    PolicySettings none = cache.settings(null);

    assertThat(none).isSameAs(PolicySettings.NONE).isSameAs(cache.settings(new RolloutPolicy()));
    assertThat(none.interval).isEqualTo(Duration.ofSeconds(30));
    assertThat(none.grace).isEqualTo(Duration.ofMinutes(5));
    assertThat(none.stableAfter).isEqualTo(Duration.ofMinutes(10));
    assertThat(none.stageCount()).isZero();
  }

  @Test
  void deletedPoliciesDoNotPileUp() {
    for (int i = 0; i < 3 * ByGeneration.POLICIES; i++) {
      cache.settings(policy("uid-" + i, 1L, "30s"));
      assertThat(cache.size()).isLessThanOrEqualTo(ByGeneration.POLICIES);
    }
  }
}
