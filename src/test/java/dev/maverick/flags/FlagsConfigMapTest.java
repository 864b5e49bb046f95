package dev.maverick.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maverick.api.EffectiveFlag;
import dev.maverick.api.EmbeddingPipeline;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.FeatureFlag;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RateLimitValues;
import dev.maverick.api.RateLimiting;
import dev.maverick.rollout.EffectiveRollout;
import dev.maverick.testing.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FlagsConfigMapTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final EmbeddingPipeline PAPERLESS_PIPELINE = Fixtures.paperlessUsing("standard-rollout");
  private static final String NAME = PAPERLESS_PIPELINE.getMetadata().getName();
  private static final String NAMESPACE = PAPERLESS_PIPELINE.getMetadata().getNamespace();
  private static final EmbeddingPipelineSpec PAPERLESS = PAPERLESS_PIPELINE.getSpec();

  private final EmbeddingPipelineSpec spec = PAPERLESS;

  @Test
  void paperlessSpecRendersTheEnvKeysOfTheContract() {
    SortedMap<String, String> data = render(spec, EffectiveRollout.fromSpec(spec));

    Map<String, String> envKeys = new TreeMap<>(data);
    envKeys.remove(FlagsConfigMap.FLAGD_KEY);
    assertThat(data).containsKey("flags.flagd.json");
    assertThat(envKeys).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
        Map.entry("ENABLE_EMBEDDING_MONITORING", "true"),
        Map.entry("EMBEDDING_MONITORING_ROLLOUT_PERCENTAGE", "10"),
        Map.entry("EMBEDDING_MONITORING_TARGET_TEAMS", "internal-testing-team"),
        Map.entry("ENABLE_QUEUE_BASED_PROCESSING", "false"),
        Map.entry("QUEUE_BASED_PROCESSING_ROLLOUT_PERCENTAGE", "0"),
        Map.entry("QUEUE_BASED_PROCESSING_FALLBACK_TO_DIRECT_PROCESSING", "true"),
        Map.entry("ENABLE_BATCH_OPTIMIZATION", "false"),
        Map.entry("BATCH_OPTIMIZATION_ROLLOUT_PERCENTAGE", "100"),
        Map.entry("BATCH_OPTIMIZATION_RATE_LIMITING_ENABLED", "false"),
        Map.entry("BATCH_OPTIMIZATION_ADAPTIVE_PROCESSING", "false"),
        Map.entry("RATE_LIMIT_PROFILE", "balanced"),
        Map.entry("RATE_LIMIT_MAX_CONCURRENT_REQUESTS", "4"),
        Map.entry("RATE_LIMIT_REQUESTS_PER_MINUTE", "50"),
        Map.entry("RATE_LIMIT_TOKENS_PER_MINUTE", "80000"),
        Map.entry("RATE_LIMIT_BURST_ALLOWANCE", "8"),
        Map.entry("RATE_LIMIT_BACKOFF_MULTIPLIER", "1.5"),
        Map.entry("RATE_LIMIT_MAX_BACKOFF_MS", "30000"))));
  }

  @Test
  void paperlessSpecRendersTheFlagdDefinition() throws Exception {
    String flagd = render(spec, EffectiveRollout.fromSpec(spec)).get(FlagsConfigMap.FLAGD_KEY);

    assertThat(JSON.readTree(flagd)).isEqualTo(JSON.readTree("""
        {
          "$schema": "https://flagd.dev/schema/v0/flags.json",
          "flags": {
            "batchOptimization": {
              "state": "ENABLED",
              "variants": {"on": true, "off": false},
              "defaultVariant": "off",
              "metadata": {"adaptiveProcessing": "false", "rateLimitingEnabled": "false"}
            },
            "embeddingMonitoring": {
              "state": "ENABLED",
              "variants": {"on": true, "off": false},
              "defaultVariant": "off",
              "targeting": {
                "if": [
                  {"in": [{"var": "team"}, ["internal-testing-team"]]},
                  {"fractional": [["on", 10], ["off", 90]]},
                  "off"
                ]
              }
            },
            "queueBasedProcessing": {
              "state": "ENABLED",
              "variants": {"on": true, "off": false},
              "defaultVariant": "off",
              "metadata": {"fallbackToDirectProcessing": "true"}
            },
            "rateLimitProfile": {
              "state": "ENABLED",
              "variants": {
                "conservative": "conservative",
                "balanced": "balanced",
                "aggressive": "aggressive",
                "custom": "custom"
              },
              "defaultVariant": "balanced",
              "metadata": {
                "maxConcurrentRequests": 4,
                "requestsPerMinute": 50,
                "tokensPerMinute": 80000,
                "burstAllowance": 8,
                "backoffMultiplier": 1.5,
                "maxBackoffMs": 30000
              }
            }
          },
          "metadata": {"flagSetId": "paperless-maverick/paperless-maverick"}
        }
        """));
    assertThat(flagd).startsWith("{\n  \"$schema\"").endsWith("}\n").doesNotContain("\r");
  }

  @Test
  void effectiveConservativeProfileChangesTheRateLimitValues() throws Exception {
    SortedMap<String, String> data = render(spec, withProfile(EffectiveRollout.fromSpec(spec), RateLimitProfile.conservative));

    assertThat(data).containsEntry("RATE_LIMIT_PROFILE", "conservative")
        .containsEntry("RATE_LIMIT_MAX_CONCURRENT_REQUESTS", "2")
        .containsEntry("RATE_LIMIT_REQUESTS_PER_MINUTE", "30")
        .containsEntry("RATE_LIMIT_TOKENS_PER_MINUTE", "50000")
        .containsEntry("RATE_LIMIT_BURST_ALLOWANCE", "5")
        .containsEntry("RATE_LIMIT_BACKOFF_MULTIPLIER", "2")
        .containsEntry("RATE_LIMIT_MAX_BACKOFF_MS", "60000");
    JsonNode profileFlag = JSON.readTree(data.get(FlagsConfigMap.FLAGD_KEY)).path("flags").path("rateLimitProfile");
    assertThat(profileFlag.path("defaultVariant").asText()).isEqualTo("conservative");
    assertThat(profileFlag.path("metadata").path("backoffMultiplier").isIntegralNumber()).isTrue();
    assertThat(profileFlag.path("metadata").path("backoffMultiplier").asInt()).isEqualTo(2);
  }

  @Test
  void customProfileRendersTheSpecValues() {
    EmbeddingPipelineSpec custom = withRateLimiting(spec,
        new RateLimiting(RateLimitProfile.custom, new RateLimitValues(3, 40, 60_000, 6, 1.75, 20_000)));

    assertThat(render(custom, EffectiveRollout.fromSpec(custom)))
        .containsEntry("RATE_LIMIT_PROFILE", "custom")
        .containsEntry("RATE_LIMIT_MAX_CONCURRENT_REQUESTS", "3")
        .containsEntry("RATE_LIMIT_REQUESTS_PER_MINUTE", "40")
        .containsEntry("RATE_LIMIT_TOKENS_PER_MINUTE", "60000")
        .containsEntry("RATE_LIMIT_BURST_ALLOWANCE", "6")
        .containsEntry("RATE_LIMIT_BACKOFF_MULTIPLIER", "1.75")
        .containsEntry("RATE_LIMIT_MAX_BACKOFF_MS", "20000");
  }

  @Test
  void customProfileWithoutValuesIsRefused() {
    EffectiveRollout effective = withProfile(EffectiveRollout.fromSpec(spec), RateLimitProfile.custom);

    assertThatThrownBy(() -> render(spec, effective))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("spec.rateLimiting.custom must set maxConcurrentRequests");
  }

  @Test
  void disabledFlagIsOffForEveryone() throws Exception {
    EffectiveRollout disabled = withFlag(EffectiveRollout.fromSpec(spec), new EffectiveFlag("embeddingMonitoring", false, 10));

    SortedMap<String, String> data = render(spec, disabled);

    assertThat(data).containsEntry("ENABLE_EMBEDDING_MONITORING", "false")
        .containsEntry("EMBEDDING_MONITORING_ROLLOUT_PERCENTAGE", "10")
        .containsEntry("EMBEDDING_MONITORING_TARGET_TEAMS", "internal-testing-team");
    JsonNode flag = JSON.readTree(data.get(FlagsConfigMap.FLAGD_KEY)).path("flags").path("embeddingMonitoring");
    assertThat(flag.path("defaultVariant").asText()).isEqualTo("off");
    assertThat(flag.has("targeting")).isFalse();
  }

  @Test
  void stagePercentageBecomesTheFractionalWeights() throws Exception {
    EffectiveRollout quarter = withFlag(EffectiveRollout.fromSpec(spec), new EffectiveFlag("embeddingMonitoring", true, 25));

    SortedMap<String, String> data = render(spec, quarter);

    assertThat(data).containsEntry("EMBEDDING_MONITORING_ROLLOUT_PERCENTAGE", "25");
    JsonNode targeting = JSON.readTree(data.get(FlagsConfigMap.FLAGD_KEY))
        .path("flags").path("embeddingMonitoring").path("targeting");
    assertThat(targeting.path("if").get(1)).isEqualTo(JSON.readTree("{\"fractional\": [[\"on\", 25], [\"off\", 75]]}"));
  }

  @Test
  void enabledFlagWithoutTeamsIsAPlainFractionalRule() throws Exception {
    EmbeddingPipelineSpec everyone = withFlags(spec, List.of(new FeatureFlag("semanticCache", true, 40, null, null)));

    SortedMap<String, String> data = render(everyone, EffectiveRollout.fromSpec(everyone));

    assertThat(data).containsEntry("ENABLE_SEMANTIC_CACHE", "true")
        .containsEntry("SEMANTIC_CACHE_ROLLOUT_PERCENTAGE", "40")
        .doesNotContainKey("SEMANTIC_CACHE_TARGET_TEAMS");
    JsonNode flag = JSON.readTree(data.get(FlagsConfigMap.FLAGD_KEY)).path("flags").path("semanticCache");
    assertThat(flag.path("targeting")).isEqualTo(JSON.readTree("{\"fractional\": [[\"on\", 40], [\"off\", 60]]}"));
    assertThat(flag.has("metadata")).isFalse();
  }

  @Test
  void specFlagMissingFromTheEffectiveStateIsOff() {
    EffectiveRollout withoutFlags = new EffectiveRollout(List.of(), RateLimitProfile.balanced,
        spec.app().image(), spec.worker().image(), Optional.empty());

    assertThat(render(spec, withoutFlags)).containsEntry("ENABLE_EMBEDDING_MONITORING", "false")
        .containsEntry("EMBEDDING_MONITORING_ROLLOUT_PERCENTAGE", "0")
        .containsEntry("QUEUE_BASED_PROCESSING_FALLBACK_TO_DIRECT_PROCESSING", "true");
  }

  @Test
  void effectiveFlagUnknownToTheSpecIsStillRendered() {
    EffectiveRollout restored = withFlag(EffectiveRollout.fromSpec(spec), new EffectiveFlag("legacyChunking", true, 100));

    assertThat(render(spec, restored)).containsEntry("ENABLE_LEGACY_CHUNKING", "true")
        .containsEntry("LEGACY_CHUNKING_ROLLOUT_PERCENTAGE", "100");
  }

  @Test
  void hashIsStableForEqualDataAndIndependentOfMapOrder() {
    SortedMap<String, String> first = render(spec, EffectiveRollout.fromSpec(spec));
    EmbeddingPipelineSpec reloaded = Fixtures.paperlessUsing("standard-rollout").getSpec();
    SortedMap<String, String> second = render(reloaded, EffectiveRollout.fromSpec(reloaded));

    String hash = FlagsConfigMap.flagsHash(first);
    assertThat(hash).matches("[0-9a-f]{16}");
    assertThat(second).isEqualTo(first);
    assertThat(FlagsConfigMap.flagsHash(second)).isEqualTo(hash);
    assertThat(FlagsConfigMap.flagsHash(new HashMap<>(first))).isEqualTo(hash);
  }

  @Test
  void hashChangesWithTheEffectiveFlagsAndProfile() {
    EffectiveRollout base = EffectiveRollout.fromSpec(spec);
    String hash = FlagsConfigMap.flagsHash(render(spec, base));

    String quarter = FlagsConfigMap.flagsHash(render(spec, withFlag(base, new EffectiveFlag("embeddingMonitoring", true, 25))));
    String disabled = FlagsConfigMap.flagsHash(render(spec, withFlag(base, new EffectiveFlag("embeddingMonitoring", false, 10))));
    String conservative = FlagsConfigMap.flagsHash(render(spec, withProfile(base, RateLimitProfile.conservative)));

    assertThat(List.of(hash, quarter, disabled, conservative)).doesNotHaveDuplicates();
  }

  @Test
  void hashSeparatesKeysFromValues() {
    assertThat(FlagsConfigMap.flagsHash(Map.of("AB", "C")))
        .isNotEqualTo(FlagsConfigMap.flagsHash(Map.of("A", "BC")));
  }

  @Test
  void envNamesAreUpperSnakeCase() {
    assertThat(FlagsConfigMap.envName("embeddingMonitoring")).isEqualTo("EMBEDDING_MONITORING");
    assertThat(FlagsConfigMap.envName("fallbackToDirectProcessing")).isEqualTo("FALLBACK_TO_DIRECT_PROCESSING");
    assertThat(FlagsConfigMap.envName("useHTTPClient")).isEqualTo("USE_HTTP_CLIENT");
    assertThat(FlagsConfigMap.envName("v2Api")).isEqualTo("V2_API");
    assertThat(FlagsConfigMap.envName("max.batch-size")).isEqualTo("MAX_BATCH_SIZE");
  }

  @Test
  void numbersHaveNoTrailingZero() {
    assertThat(FlagsConfigMap.formatNumber(2.0)).isEqualTo("2");
    assertThat(FlagsConfigMap.formatNumber(1.5)).isEqualTo("1.5");
    assertThat(FlagsConfigMap.formatNumber(1.2)).isEqualTo("1.2");
    assertThat(FlagsConfigMap.formatNumber(60_000)).isEqualTo("60000");
  }

  @Test
  void keysThatCollideAreRefusedNamingBothSources() {
    EmbeddingPipelineSpec colliding = withFlags(spec,
        List.of(new FeatureFlag("rateLimit", true, 100, null, Map.of("profile", "fast"))));

    assertThatThrownBy(() -> render(colliding, EffectiveRollout.fromSpec(colliding)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the flags ConfigMap key RATE_LIMIT_PROFILE would come from both the rate-limit profile"
            + " and spec.featureFlags[rateLimit].params.profile; rename one of them");
  }

  @Test
  void theRateLimitProfileFlagNameIsReserved() {
    EmbeddingPipelineSpec reserved = withFlags(spec, List.of(new FeatureFlag("rateLimitProfile", true, 100, null, null)));

    assertThatThrownBy(() -> render(reserved, EffectiveRollout.fromSpec(reserved)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.featureFlags: the name rateLimitProfile is reserved");
  }

  static SortedMap<String, String> render(EmbeddingPipelineSpec spec, EffectiveRollout effective) {
    return FlagsConfigMap.data(NAMESPACE, NAME, spec, effective);
  }

  static EffectiveRollout withProfile(EffectiveRollout effective, RateLimitProfile profile) {
    return new EffectiveRollout(effective.flags(), profile, effective.appImage(), effective.workerImage(),
        effective.workerReplicasOverride());
  }

  static EffectiveRollout withFlag(EffectiveRollout effective, EffectiveFlag replacement) {
    List<EffectiveFlag> flags = new ArrayList<>(effective.flags());
    flags.removeIf(flag -> flag.name().equals(replacement.name()));
    flags.add(replacement);
    return new EffectiveRollout(flags, effective.rateLimitProfile(), effective.appImage(), effective.workerImage(),
        effective.workerReplicasOverride());
  }

  private static EmbeddingPipelineSpec withRateLimiting(EmbeddingPipelineSpec spec, RateLimiting rateLimiting) {
    return new EmbeddingPipelineSpec(spec.app(), spec.worker(), spec.featureFlags(), rateLimiting,
        spec.flagDelivery(), spec.rolloutPolicyRef(), spec.paused());
  }

  private static EmbeddingPipelineSpec withFlags(EmbeddingPipelineSpec spec, List<FeatureFlag> flags) {
    return new EmbeddingPipelineSpec(spec.app(), spec.worker(), flags, spec.rateLimiting(),
        spec.flagDelivery(), spec.rolloutPolicyRef(), spec.paused());
  }
}
