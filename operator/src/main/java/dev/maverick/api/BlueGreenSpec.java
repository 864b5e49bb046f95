package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Blue-green release settings: the preview's size, how it is promoted, and how long the previous colour stays. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BlueGreenSpec(
    @JsonPropertyDescription("Replicas of the preview colour before the switch, 1..1000. Default 1.")
    @Min(1) @Max(1000) Integer previewReplicas,
    @JsonPropertyDescription("true (default): the switch happens as soon as the preview is rolled out and every prePromotionGates entry holds; false: it also waits for the maverick.dev/promote annotation.")
    Boolean autoPromote,
    @JsonPropertyDescription("Checks on the preview that must all hold before the switch (same shape as stage gates; keyed by name, at most 16). Besides {{pipeline}} and {{namespace}}, the placeholder {{color}} is the preview colour: blue | green. No data does not hold.")
    @Size(max = 16)
    List<Gate> prePromotionGates,
    @Pattern(Durations.PATTERN) @Size(max = Durations.MAX_LENGTH)
    @JsonPropertyDescription("How long the previous colour keeps its pods after a switch (a RevertImages or FullRollback meanwhile switches back without starting a pod), then it goes to 0 replicas. Default 10m." + Descriptions.DURATION)
    @ValidationRule(value = Durations.MAX_RULE, message = Durations.MAX_MESSAGE) String scaleDownDelay) {

  public static final BlueGreenSpec DEFAULT = new BlueGreenSpec(null, null, null, null);

  public BlueGreenSpec {
    previewReplicas = previewReplicas == null ? 1 : previewReplicas;
    autoPromote = autoPromote == null || autoPromote;
    prePromotionGates = prePromotionGates == null ? List.of() : List.copyOf(prePromotionGates);
    scaleDownDelay = scaleDownDelay == null ? "10m" : scaleDownDelay;
  }
}
