package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

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
    @JsonPropertyDescription("The trigger's name.")
    String name,
    @JsonPropertyDescription("The query's last value; absent on no data or an error.")
    Double value,
    @JsonPropertyDescription("Whether the last value met the trigger's condition.")
    Boolean breaching,
    @JsonPropertyDescription(Descriptions.TIME + " the current breach streak started; absent when not breaching.")
    String breachingSince,
    @JsonPropertyDescription(Descriptions.TIME + " of the last evaluation.")
    String lastEvaluated,
    @JsonPropertyDescription("Why the last evaluation has no value: a failed query or several series (never a response body).")
    String error,
    @JsonPropertyDescription("Observe for an observe-only trigger (evaluated and shown, never acts); absent for enforced ones.")
    TriggerMode mode,
    @JsonPropertyDescription(Descriptions.TIME + " an observe-only trigger's window completed in the current streak (WouldAct announced).")
    String wouldActAt) {

  public TriggerStatus(String name, Double value, Boolean breaching, String breachingSince, String lastEvaluated,
      String error) {
    this(name, value, breaching, breachingSince, lastEvaluated, error, null, null);
  }
}
