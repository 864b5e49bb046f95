package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The last evaluation of one trigger; {@code breachingSince} is the start of the current streak. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TriggerStatus(
    String name,
    Double value,
    Boolean breaching,
    String breachingSince,
    String lastEvaluated,
    String error) {}
