package dev.maverick.flags;

import static dev.maverick.flags.FlagsConfigMapTest.render;
import static dev.maverick.flags.FlagsConfigMapTest.withProfile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.rollout.EffectiveRollout;
import dev.maverick.testing.Fixtures;
import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app's view: the OpenFeature flagd provider (FILE resolver) reads the rendered flags.flagd.json
 * of the Paperless pipeline, with the conservative profile in force as after an apiQuotaExhaustion
 * action.
 */
class FlagdProviderTest {

  private static final String DOMAIN = FlagdProviderTest.class.getName();
  private static final String TESTING_TEAM = "internal-testing-team";
  private static final int KEYS = 10_000;

  @TempDir
  static Path flagsDir;

  private static Client client;

  @BeforeAll
  static void startProvider() throws Exception {
    EmbeddingPipelineSpec spec = Fixtures.paperlessUsing("standard-rollout").getSpec();
    EffectiveRollout effective = withProfile(EffectiveRollout.fromSpec(spec), RateLimitProfile.conservative);
    Path file = flagsDir.resolve(FlagsConfigMap.FLAGD_KEY);
    Files.writeString(file, render(spec, effective).get(FlagsConfigMap.FLAGD_KEY));

    FlagdProvider provider = new FlagdProvider(FlagdOptions.builder()
        .resolverType(Config.Resolver.FILE)
        .offlineFlagSourcePath(file.toString())
        // the default 1 s initialization deadline is too tight for a cold JVM on a busy CI runner
        .deadline(30_000)
        .build());
    OpenFeatureAPI.getInstance().setProviderAndWait(DOMAIN, provider);
    client = OpenFeatureAPI.getInstance().getClient(DOMAIN);
  }

  @AfterAll
  static void shutDownProvider() {
    // Shuts down the flagd provider (and its file watcher) and resets the API for other tests.
    OpenFeatureAPI.getInstance().shutdown();
  }

  @Test
  void embeddingMonitoringIsOnForAboutTenPercentOfTheTargetTeam() {
    long on = IntStream.range(0, KEYS)
        .filter(i -> "on".equals(evaluate("embeddingMonitoring", "user-" + i, TESTING_TEAM).getVariant()))
        .count();

    assertThat(on).isBetween(KEYS * 8L / 100, KEYS * 12L / 100);
  }

  @Test
  void embeddingMonitoringIsOffForEveryKeyOfAnotherTeam() {
    assertThat(IntStream.range(0, KEYS).mapToObj(i -> evaluate("embeddingMonitoring", "user-" + i, "search-team")))
        .allSatisfy(details -> {
          assertThat(details.getValue()).isFalse();
          assertThat(details.getVariant()).isEqualTo("off");
        });
  }

  @Test
  void bucketingIsStablePerTargetingKey() {
    assertThat(IntStream.range(0, 100).mapToObj(i -> evaluate("embeddingMonitoring", "user-" + i, TESTING_TEAM).getValue()))
        .containsExactlyElementsOf(IntStream.range(0, 100)
            .mapToObj(i -> evaluate("embeddingMonitoring", "user-" + i, TESTING_TEAM).getValue()).toList());
  }

  @Test
  void disabledFlagIsOffEvenForTheTargetTeamAndCarriesItsParams() {
    FlagEvaluationDetails<Boolean> details = evaluate("queueBasedProcessing", "user-1", TESTING_TEAM);

    assertThat(details.getValue()).isFalse();
    assertThat(details.getVariant()).isEqualTo("off");
    assertThat(details.getFlagMetadata().getString("fallbackToDirectProcessing")).isEqualTo("true");
  }

  @Test
  void rateLimitProfileResolvesToTheEffectiveProfile() {
    FlagEvaluationDetails<String> details = client.getStringDetails(
        FlagsConfigMap.RATE_LIMIT_PROFILE_FLAG, "unset", new ImmutableContext("user-1"));

    assertThat(details.getValue()).isEqualTo("conservative");
    assertThat(details.getVariant()).isEqualTo("conservative");
    assertThat(details.getFlagMetadata().getInteger("maxConcurrentRequests")).isEqualTo(2);
  }

  private static FlagEvaluationDetails<Boolean> evaluate(String flag, String targetingKey, String team) {
    EvaluationContext context = new ImmutableContext(targetingKey, Map.of(FlagsConfigMap.TEAM_ATTRIBUTE, new Value(team)));
    return client.getBooleanDetails(flag, false, context);
  }
}
