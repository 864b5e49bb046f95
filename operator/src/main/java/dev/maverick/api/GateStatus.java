package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The last check of one gate of the current stage; {@code error} explains a failed query or no data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateStatus(
    @JsonPropertyDescription("The gate's name.")
    String name,
    @JsonPropertyDescription("The query's last value; absent on no data or an error.")
    Double value,
    @JsonPropertyDescription("Whether the gate's condition held at the last check.")
    Boolean holds,
    @JsonPropertyDescription(Descriptions.TIME + " of the last check.")
    String lastEvaluated,
    @JsonPropertyDescription("Why the check did not hold: a failed query or no data (never a response body).")
    String error) {}
