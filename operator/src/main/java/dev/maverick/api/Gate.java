package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A metric check that must hold at the end of a stage's pause; {@code batchQuery} as in {@link Trigger}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Gate(
    @JsonPropertyDescription(Descriptions.NAME_IN_LIST)
    @Size(max = 63)
    @Required String name,
    @JsonPropertyDescription(Descriptions.QUERY)
    @Size(max = 8192)
    @Required String query,
    @JsonPropertyDescription("Must hold for the gate to pass; no data does not pass. " + Descriptions.CONDITION)
    @Required MetricCondition condition,
    @Size(max = 8192)
    @JsonPropertyDescription(Trigger.BATCH_QUERY_DESCRIPTION) String batchQuery) {

  public Gate(String name, String query, MetricCondition condition) {
    this(name, query, condition, null);
  }
}
