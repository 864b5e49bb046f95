package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/**
 * A webhook announcement stored with the action it announces, so that an operator killed before
 * sending it sends it after its restart.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PendingAnnouncement(
    @JsonPropertyDescription("Delivery id, sent as the X-Maverick-Delivery header: the same for every attempt and every operator instance, so a receiver can drop a repeat.")
    @Size(max = 256)
    String id,
    @JsonPropertyDescription("The message text, as the webhook's text field.")
    @Size(max = 4096)
    String text,
    @JsonPropertyDescription("true for what an observe-only trigger would have done (the JSON carries observe: true).")
    Boolean observe,
    @JsonPropertyDescription(Descriptions.TIME + " the announced action was taken.")
    String at) {}
