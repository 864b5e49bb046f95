package dev.maverick.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-23T10:05:00Z");

  @Test
  void anUnchangedStatusKeepsItsTransitionTimeSoTheListIsEqual() {
    var first = new Conditions(List.of(), 1, T0).set(Conditions.READY, true, "RolledOut", "app 3/3").build();
    var again = new Conditions(first, 1, T1).set(Conditions.READY, true, "RolledOut", "app 3/3").build();
    assertThat(again).isEqualTo(first);
  }

  @Test
  void aFlipRecordsTheNewTransitionTime() {
    var first = new Conditions(List.of(), 1, T0).set(Conditions.READY, true, "RolledOut", "ok").build();
    var flipped = new Conditions(first, 2, T1).set(Conditions.READY, false, "RollingOut", "app 1/3").build();
    assertThat(flipped).singleElement().satisfies(c -> {
      assertThat(c.getLastTransitionTime()).isEqualTo(T1.toString());
      assertThat(c.getObservedGeneration()).isEqualTo(2);
      assertThat(c.getStatus()).isEqualTo("False");
    });
  }

  @Test
  void keepCarriesAConditionOverOnlyWhenItExisted() {
    var previous = new Conditions(List.of(), 1, T0).set(Conditions.METRICS_AVAILABLE, false, "MetricsUnavailable", "x").build();
    assertThat(new Conditions(previous, 1, T1).keep(Conditions.METRICS_AVAILABLE).build()).isEqualTo(previous);
    assertThat(new Conditions(List.of(), 1, T1).keep(Conditions.METRICS_AVAILABLE).build()).isEmpty();
  }
}
