package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A metric check that must hold at the end of a stage's pause; {@code batchQuery} as in {@link Trigger}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Gate(
    @Required String name,
    @Required String query,
    @Required MetricCondition condition,
    @JsonPropertyDescription(Trigger.BATCH_QUERY_DESCRIPTION) String batchQuery) {

  public Gate(String name, String query, MetricCondition condition) {
    this(name, query, condition, null);
  }
}
