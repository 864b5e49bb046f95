package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The last evaluation of one trigger; {@code breachingSince} is the start of the current streak.
 *
 * @param error why the last reading counted as no data (failure, no data, insufficient samples)
 * @param mode {@code Observe} for an observe-only trigger; absent for enforced ones
 * @param wouldActAt when an observe-only trigger's window completed in the current streak (its
 *     WouldAct was announced then; once per streak)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TriggerStatus(
    String name,
    Double value,
    Boolean breaching,
    String breachingSince,
    String lastEvaluated,
    String error,
    TriggerMode mode,
    String wouldActAt) {

  public TriggerStatus(String name, Double value, Boolean breaching, String breachingSince, String lastEvaluated,
      String error) {
    this(name, value, breaching, breachingSince, lastEvaluated, error, null, null);
  }
}
