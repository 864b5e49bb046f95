package dev.maverick.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.FeatureFlag;
import dev.maverick.api.RateLimitProfile;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecFingerprintTest {

  private static EmbeddingPipelineSpec withParams(String version, Map<String, String> params) {
    return RolloutHarness.spec(version, RateLimitProfile.balanced, new FeatureFlag("batch", true, 100, null, params));
  }

  @Test
  void ignoresPausedAndMapOrderButNotRealChanges() {
    Map<String, String> forward = new LinkedHashMap<>();
    Map<String, String> backward = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      forward.put("param" + i, "v" + i);
      backward.put("param" + (19 - i), "v" + (19 - i));
    }
    EmbeddingPipelineSpec spec = withParams("1", forward);

    assertThat(SpecFingerprint.of(withParams("1", backward))).isEqualTo(SpecFingerprint.of(spec));
    assertThat(SpecFingerprint.of(RolloutHarness.paused(spec, true))).isEqualTo(SpecFingerprint.of(spec));
    assertThat(SpecFingerprint.of(withParams("2", forward))).isNotEqualTo(SpecFingerprint.of(spec));
    assertThat(SpecFingerprint.of(spec)).hasSize(16);
  }
}
