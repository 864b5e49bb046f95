package dev.maverick.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.egress.UrlAllowList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 11.5: the allow-lists come from the environment, a run flag overrides them, none means any URL. */
class AllowListSettingsTest {

  @Test
  void allowListsComeFromTheEnvironmentAndFlagsOverrideThem() {
    OperatorSettings fromEnv = OperatorSettings.from(Map.of(
        "MAVERICK_ALLOWED_PROMETHEUS_URL_PREFIXES", "http://prometheus-operated.monitoring.svc:9090, https://thanos/",
        "MAVERICK_ALLOWED_WEBHOOK_URL_PREFIXES", "https://hooks.slack.com/"), List.of());
    assertThat(fromEnv.allowedPrometheusUrls().prefixes())
        .containsExactly("http://prometheus-operated.monitoring.svc:9090", "https://thanos/");
    assertThat(fromEnv.allowedWebhookUrls().prefixes()).containsExactly("https://hooks.slack.com/");

    OperatorSettings flagged = OperatorSettings.from(Map.of("MAVERICK_ALLOWED_PROMETHEUS_URL_PREFIXES", "http://a/"),
        List.of("--allowed-prometheus-url-prefixes=http://b/", "--allowed-webhook-url-prefixes=https://c/"));
    assertThat(flagged.allowedPrometheusUrls().prefixes()).containsExactly("http://b/");
    assertThat(flagged.allowedWebhookUrls().prefixes()).containsExactly("https://c/");

    OperatorSettings none = OperatorSettings.from(Map.of(), List.of());
    assertThat(none.allowedPrometheusUrls()).isEqualTo(UrlAllowList.ANY);
    assertThat(none.allowedWebhookUrls().allows("http://anything/")).isTrue();
  }
}
