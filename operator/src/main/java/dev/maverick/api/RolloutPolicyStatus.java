package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutPolicyStatus(Long observedGeneration, List<Condition> conditions) {

  public static RolloutPolicyStatus initial() {
    return new RolloutPolicyStatus(-1L, null);
  }
}
