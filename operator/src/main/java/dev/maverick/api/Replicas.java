package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** HPA bounds; without autoscaling, {@code min} is the fixed replica count. */
@ValidationRule(value = "self.min <= self.max", message = "replicas.min must be less than or equal to replicas.max")
public record Replicas(
    @JsonPropertyDescription("Fewest replicas (HPA minReplicas); without autoscaling the fixed replica count. >= 0, at most max; >= 1 with autoscaling (an HPA cannot scale to 0).")
    @Required @Min(0) Integer min,
    @JsonPropertyDescription("Most replicas (HPA maxReplicas). >= min; >= 1 with autoscaling.")
    @Required @Min(0) Integer max) {
  public static final Replicas DEFAULT = new Replicas(1, 1);
}
