package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/**
 * A change freeze: from {@code start} (inclusive) to {@code end} (exclusive), both RFC 3339, nothing
 * of the policy's pipelines is promoted; triggers and manual rollbacks still act.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FreezeWindow(@Required String start, @Required String end, String reason) {}
