package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.FeatureFlag;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RateLimiting;
import dev.maverick.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PipelineValidatorTest {
  private static final EmbeddingPipelineSpec VALID = Fixtures.paperless().getSpec();

  private static List<String> validate(UnaryOperator<EmbeddingPipelineSpec> change) {
    return PipelineValidator.validate("paperless-maverick", change.apply(VALID));
  }

  private static EmbeddingPipelineSpec withFlags(EmbeddingPipelineSpec s, List<FeatureFlag> flags) {
    return new EmbeddingPipelineSpec(s.app(), s.worker(), flags, s.rateLimiting(), s.flagDelivery(),
        s.rolloutPolicyRef(), s.paused());
  }

  @Test
  void acceptsTheExample() {
    assertThat(validate(s -> s)).isEmpty();
  }

  @Test
  void namesADuplicateFlag() {
    assertThat(validate(s -> {
      var flags = new ArrayList<>(s.featureFlags());
      flags.add(new FeatureFlag("queueBasedProcessing", true, 5, null, null));
      return withFlags(s, flags);
    })).containsExactly("spec.featureFlags[3].name: duplicate flag name 'queueBasedProcessing'");
  }

  @Test
  void requiresTheSixValuesOfACustomProfile() {
    assertThat(validate(s -> new EmbeddingPipelineSpec(s.app(), s.worker(), s.featureFlags(),
        new RateLimiting(RateLimitProfile.custom, null), s.flagDelivery(), s.rolloutPolicyRef(), s.paused())))
        .singleElement().asString().startsWith("spec.rateLimiting.custom: profile 'custom' needs all six values");
  }

  @Test
  void rejectsANameTooLongForTheWorkerDeployment() {
    String name = "p".repeat(57);
    assertThat(PipelineValidator.validate(name, VALID)).singleElement().asString()
        .startsWith("metadata.name: '" + name + "' must be a DNS label of at most 56 characters");
    assertThat(PipelineValidator.validate("p".repeat(56), VALID)).isEmpty();
  }

  @Test
  void reportsEnvKeyCollisionsBetweenAFlagAndAParam() {
    assertThat(validate(s -> withFlags(s, List.of(
        new FeatureFlag("rateLimit", true, 100, null, Map.of("profile", "x"))))))
        .singleElement().asString().contains("RATE_LIMIT_PROFILE");
  }

  @Test
  void checksRangesTheSchemaAlsoChecks() {
    assertThat(validate(s -> withFlags(s, List.of(new FeatureFlag("Bad-Name", true, 101, List.of(""), null)))))
        .containsExactly(
            "spec.featureFlags[0].name: 'Bad-Name' must match ^[a-z][A-Za-z0-9]*$, e.g. embeddingMonitoring",
            "spec.featureFlags[0].rolloutPercentage: 101 must be between 0 and 100",
            "spec.featureFlags[0].targetTeams[0]: '' must be a non-empty team name without commas");
  }
}
