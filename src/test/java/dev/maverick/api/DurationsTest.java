package dev.maverick.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void aDurationReadAgainIsTheOneReadBefore() {
    Duration first = Durations.parse("1h30m");

    assertThat(first).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("1h30m")).isSameAs(first);
  }

  @Test
  void invalidTextFailsEveryTime() {
    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> Durations.parse("10 minutes")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'10 minutes' is not a duration");
      assertThatThrownBy(() -> Durations.parse("366d")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("longer than the maximum of 365d");
    }
  }

  @Test
  void theMemoStaysBoundedWhateverTheTexts() {
    for (int seconds = 1; seconds <= 3 * Durations.MEMO_ENTRIES; seconds++) {
      assertThat(Durations.parse(seconds + "s")).isEqualTo(Duration.ofSeconds(seconds));
    }

    assertThat(Durations.memoSize()).isLessThanOrEqualTo(Durations.MEMO_ENTRIES);
  }
}
