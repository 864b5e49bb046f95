package dev.maverick.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.runtime.OperatorSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardSettingTest {

  @Test
  void onUnlessTheEnvironmentOrTheFlagSaysFalse() {
    assertThat(OperatorSettings.from(Map.of(), List.of()).dashboard()).isTrue();
    assertThat(OperatorSettings.from(Map.of("MAVERICK_DASHBOARD_ENABLED", "false"), List.of()).dashboard()).isFalse();
    assertThat(OperatorSettings.from(Map.of("MAVERICK_DASHBOARD_ENABLED", "false"), List.of("--dashboard-enabled=true"))
        .dashboard()).isTrue();
    assertThat(OperatorSettings.embedded().dashboard()).isTrue();
  }
}
