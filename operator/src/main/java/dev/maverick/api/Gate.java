package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A metric check that must hold at the end of a stage's pause; {@code batchQuery} and {@code minSamples}
 * as in {@link Trigger} (too few samples: the gate does not hold).
 */
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
    @JsonPropertyDescription(Trigger.BATCH_QUERY_DESCRIPTION) @Size(max = 8192) String batchQuery,
    @JsonPropertyDescription(Descriptions.MIN_SAMPLES)
    MinSamples minSamples) {

  public Gate(String name, String query, MetricCondition condition) {
    this(name, query, condition, null, null);
  }

  public Gate(String name, String query, MetricCondition condition, String batchQuery) {
    this(name, query, condition, batchQuery, null);
  }
}
