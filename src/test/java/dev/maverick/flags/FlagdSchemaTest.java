package dev.maverick.flags;

import static dev.maverick.flags.FlagsConfigMapTest.render;
import static dev.maverick.flags.FlagsConfigMapTest.withFlag;
import static dev.maverick.flags.FlagsConfigMapTest.withProfile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.maverick.api.EffectiveFlag;
import dev.maverick.api.EmbeddingPipelineSpec;
import dev.maverick.api.FeatureFlag;
import dev.maverick.api.RateLimitProfile;
import dev.maverick.api.RateLimitValues;
import dev.maverick.api.RateLimiting;
import dev.maverick.rollout.EffectiveRollout;
import dev.maverick.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rendered flags.flagd.json against the published flagd schema (draft-07, test resources). */
class FlagdSchemaTest {

  private static final String SCHEMA_BASE = "https://flagd.dev/schema/v0/";
  // flags.json refers to ./targeting.json: both resolve to the copies on the test classpath, never the network.
  static final JsonSchema FLAGD_SCHEMA = JsonSchemaFactory
      .getInstance(SpecVersion.VersionFlag.V7,
          builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:flagd-schema/")))
      .getSchema(SchemaLocation.of(FlagsConfigMap.FLAGD_SCHEMA_URL));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EmbeddingPipelineSpec PAPERLESS = Fixtures.paperlessUsing("standard-rollout").getSpec();

  static Stream<Arguments> renderedPipelines() {
    EffectiveRollout fromSpec = EffectiveRollout.fromSpec(PAPERLESS);
    EmbeddingPipelineSpec custom = new EmbeddingPipelineSpec(PAPERLESS.app(), PAPERLESS.worker(),
        List.of(new FeatureFlag("semanticCache", true, 100, null, Map.of("ttlSeconds", "600")),
            new FeatureFlag("rerankResults", true, 0, List.of("search", "ml-platform"), null)),
        new RateLimiting(RateLimitProfile.custom, new RateLimitValues(3, 40, 60_000, 6, 1.75, 20_000)),
        PAPERLESS.flagDelivery(), PAPERLESS.rolloutPolicyRef(), PAPERLESS.paused());
    return Stream.of(
        Arguments.of("paperless spec", PAPERLESS, fromSpec),
        Arguments.of("conservative override", PAPERLESS, withProfile(fromSpec, RateLimitProfile.conservative)),
        Arguments.of("flag disabled", PAPERLESS, withFlag(fromSpec, new EffectiveFlag("embeddingMonitoring", false, 10))),
        Arguments.of("custom profile, 0% and 100%", custom, EffectiveRollout.fromSpec(custom)),
        Arguments.of("no flags at all", new EmbeddingPipelineSpec(PAPERLESS.app(), PAPERLESS.worker(), null, null,
            null, null, null), new EffectiveRollout(List.of(), RateLimitProfile.aggressive, "a", "w",
            Optional.empty())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderedPipelines")
  void renderedFlagdDefinitionIsValid(String description, EmbeddingPipelineSpec spec, EffectiveRollout effective)
      throws Exception {
    String flagd = render(spec, effective).get(FlagsConfigMap.FLAGD_KEY);

    Set<ValidationMessage> errors = FLAGD_SCHEMA.validate(JSON.readTree(flagd));

    assertThat(errors).as(flagd).isEmpty();
  }

  /** Guards the test above against a validator that accepts anything. */
  @Test
  void schemaRejectsABrokenDefinition() throws Exception {
    ObjectNode flagd = (ObjectNode) JSON.readTree(render(PAPERLESS, EffectiveRollout.fromSpec(PAPERLESS))
        .get(FlagsConfigMap.FLAGD_KEY));
    ObjectNode flag = (ObjectNode) flagd.path("flags").path("embeddingMonitoring");
    flag.put("state", "ON");
    ((ArrayNode) flag.path("targeting").path("if").get(1).path("fractional").get(0)).set(1, JSON.valueToTree(-5));

    Set<ValidationMessage> errors = FLAGD_SCHEMA.validate(flagd);

    assertThat(errors).extracting(ValidationMessage::getMessage)
        .anySatisfy(message -> assertThat(message).contains("state").contains("ENABLED"));
  }
}
