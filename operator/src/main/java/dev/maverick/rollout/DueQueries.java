package dev.maverick.rollout;

import dev.maverick.api.Gate;
import dev.maverick.api.Trigger;
import java.util.List;

/** The triggers and gates (of the current stage) to query now; placeholders not yet substituted. */
public record DueQueries(List<Trigger> triggers, List<Gate> gates) {
  public DueQueries {
    triggers = List.copyOf(triggers);
    gates = List.copyOf(gates);
  }

  public boolean isEmpty() {
    return triggers.isEmpty() && gates.isEmpty();
  }
}
