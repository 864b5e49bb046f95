package dev.maverick.api;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** HPA bounds; without autoscaling, {@code min} is the fixed replica count. */
@ValidationRule(value = "self.min <= self.max", message = "replicas.min must be less than or equal to replicas.max")
public record Replicas(@Required @Min(0) Integer min, @Required @Min(0) Integer max) {
  public static final Replicas DEFAULT = new Replicas(1, 1);
}
