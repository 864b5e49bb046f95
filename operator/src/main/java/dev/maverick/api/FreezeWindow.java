package dev.maverick.api;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/**
 * A change freeze: from {@code start} (inclusive) to {@code end} (exclusive), both RFC 3339, nothing
 * of the policy's pipelines is promoted; triggers and manual rollbacks still act.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FreezeWindow(
    @JsonPropertyDescription(Descriptions.TIME + " the freeze starts (inclusive), e.g. 2026-12-24T00:00:00Z.")
    @Size(max = 64)
    @Required String start,
    @JsonPropertyDescription(Descriptions.TIME + " the freeze ends (exclusive); after start.")
    @Size(max = 64)
    @Required String end,
    @JsonPropertyDescription("Why, shown in status and Events, e.g. holiday change freeze; at most 256 characters.")
    @Size(max = 256)
    String reason) {}
