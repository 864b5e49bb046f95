package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Present while a freeze window of the policy is open: promotions wait until {@code until}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FreezeStatus(
    @JsonPropertyDescription(Descriptions.TIME + " the open freeze window (merged with adjacent ones) ends.")
    String until,
    @JsonPropertyDescription("The window's reason.")
    String reason) {}
