package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The last check of one gate of the current stage; {@code error} explains a failed query or no data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateStatus(String name, Double value, Boolean holds, String lastEvaluated, String error) {}
