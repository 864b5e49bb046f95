package dev.maverick.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maverick.api.EmbeddingPipeline;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the validator says about spec.app.strategy: each problem names the field. */
class BlueGreenValidationTest {

  private static List<String> validate(String name, String blueGreen, boolean withPolicy) {
    EmbeddingPipeline pipeline = Serialization.unmarshal("""
        apiVersion: maverick.dev/v1alpha1
        kind: EmbeddingPipeline
        metadata: {name: %s, namespace: docs}
        spec:
          app:
            image: registry.example/app:1
            strategy:
              type: BlueGreen
              blueGreen: %s
          worker: {image: registry.example/worker:1}
        %s""".formatted(name, blueGreen, withPolicy ? "  rolloutPolicyRef: {name: standard}\n" : ""),
        EmbeddingPipeline.class);
    return PipelineValidator.validate(pipeline);
  }

  @Test
  void acceptsGatesWithTheColorPlaceholderAndAPolicy() {
    assertThat(validate("paperless", """
        {prePromotionGates: [{name: errors, query: 'x{color="{{color}}",pipeline="{{pipeline}}"}', condition: {operator: LessThan, threshold: 1}}]}""",
        true)).isEmpty();
  }

  @Test
  void namesEachProblem() {
    assertThat(validate("paperless", """
        {scaleDownDelay: 400d, prePromotionGates: [{name: errors, query: 'x{color="{{colour}}"}', condition: {operator: LessThan, threshold: 1}}]}""",
        false)).containsExactly(
        "spec.app.strategy.blueGreen.scaleDownDelay: '400d' is longer than the maximum of 365d",
        "spec.app.strategy.blueGreen.prePromotionGates: need a rolloutPolicyRef, whose prometheus the gates are queried on",
        "spec.app.strategy.blueGreen.prePromotionGates[0].query: unknown placeholder {{colour}}; the placeholders are {{pipeline}}, {{namespace}} and {{color}}");
  }

  @Test
  void aBlueGreenNameLeavesRoomForThePreviewService() {
    String name = "a".repeat(52);
    assertThat(validate(name, "{}", false)).singleElement().asString()
        .startsWith("metadata.name: '" + name + "' must be at most 51 characters with spec.app.strategy.type BlueGreen");
  }
}
