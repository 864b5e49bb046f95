package dev.maverick.egress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlAllowListTest {

  @Test
  void emptyAllowsEverything() {
    assertThat(UrlAllowList.parse(" , ").allows("http://anything.example")).isTrue();
    assertThat(UrlAllowList.ANY.restricts()).isFalse();
  }

  @Test
  void aPrefixCoversItselfAndItsPathsOnly() {
    UrlAllowList allowed = UrlAllowList.parse("http://prometheus.monitoring.svc:9090, https://thanos.example/tenant-a/");
    assertThat(allowed.allows("http://prometheus.monitoring.svc:9090")).isTrue();
    assertThat(allowed.allows("http://prometheus.monitoring.svc:9090/prefix")).isTrue();
    assertThat(allowed.allows("https://thanos.example/tenant-a/api")).isTrue();

    assertThat(allowed.allows("http://prometheus.monitoring.svc:90901")).isFalse();
    assertThat(allowed.allows("http://prometheus.monitoring.svc:9090.evil.example")).isFalse();
    assertThat(allowed.allows("http://prometheus.monitoring.svc:9090@evil.example/")).isFalse();
    assertThat(allowed.allows("https://thanos.example/tenant-b/")).isFalse();
    assertThat(allowed.allows("http://10.0.0.1/")).isFalse();
    assertThat(allowed.allows(null)).isFalse();
  }
}
