package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * A metric check that must hold at the end of a stage's pause; {@code batchQuery} and {@code minSamples}
 * as in {@link Trigger} (too few samples: the gate does not hold).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Gate(
    @Required String name,
    @Required String query,
    @Required MetricCondition condition,
    @JsonPropertyDescription(Trigger.BATCH_QUERY_DESCRIPTION) String batchQuery,
    MinSamples minSamples) {

  public Gate(String name, String query, MetricCondition condition) {
    this(name, query, condition, null, null);
  }

  public Gate(String name, String query, MetricCondition condition, String batchQuery) {
    this(name, query, condition, batchQuery, null);
  }
}
