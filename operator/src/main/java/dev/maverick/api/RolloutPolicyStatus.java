package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Whether the policy is valid; written only by the operator.")
public record RolloutPolicyStatus(
    @JsonPropertyDescription(Descriptions.OBSERVED_GENERATION)
    Long observedGeneration,
    @JsonPropertyDescription(Descriptions.CONDITIONS + "Ready=True when the policy is valid; Stalled=True with reason InvalidSpec and a message naming the field when it is not.")
    List<Condition> conditions) {

  public static RolloutPolicyStatus initial() {
    return new RolloutPolicyStatus(-1L, null);
  }
}
