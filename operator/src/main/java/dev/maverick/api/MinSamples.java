package dev.maverick.api;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * The least traffic a trigger or gate reading needs to count: {@code query} (evaluated with the main
 * query) must be at least {@code threshold}; below it the reading is "insufficient samples", neither
 * a breach nor a pass. {@code batchQuery} as in {@link Trigger}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MinSamples(
    @JsonPropertyDescription("PromQL counting the samples behind the reading, evaluated with the main query; placeholders {{pipeline}} and {{namespace}}. At most 8192 characters.")
    @Size(max = 8192)
    @Required String query,
    @JsonPropertyDescription("The least count that makes the reading count (equal counts); below it the reading is insufficient samples: no breach, no pass. >= 0.")
    @Required @Min(0) Double threshold,
    @JsonPropertyDescription(Trigger.BATCH_QUERY_DESCRIPTION) @Size(max = 8192) String batchQuery) {

  public MinSamples(String query, double threshold) {
    this(query, threshold, null);
  }
}
