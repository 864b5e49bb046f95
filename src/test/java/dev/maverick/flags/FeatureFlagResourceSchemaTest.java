package dev.maverick.flags;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maverick.pipeline.EcosystemExample;
import dev.maverick.pipeline.FeatureFlagResources;
import org.junit.jupiter.api.Test;

/**
 * The OpenFeature FeatureFlag's {@code spec.flagSpec}. No registry package publishes the
 * OpenFeature operator's CRD schema (npm has none; Maven Central neither), so what is checked is
 * the part flagd's published schema defines: its flags are valid flagd flag definitions.
 */
class FeatureFlagResourceSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theFlagSpecsFlagsAreValidFlagdFlags() {
    var resource = new FeatureFlagResources().desired(EcosystemExample.model(EcosystemExample.pipeline())).get(0);
    ObjectNode flagSpec = (ObjectNode) JSON.valueToTree(resource.getAdditionalProperties().get("spec")).get("flagSpec");

    assertThat(flagSpec.get("flags").size()).isGreaterThan(1);
    assertThat(FlagdSchemaTest.FLAGD_SCHEMA.validate(flagSpec)).isEmpty();
  }
}
