package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A key of a Secret in the same namespace. */
public record SecretKeyRef(
    @JsonPropertyDescription("Name of a Secret in the same namespace; at most 253 characters.")
    @Size(max = 253)
    @Required String name,
    @JsonPropertyDescription("Key in the Secret's data; at most 253 characters.")
    @Size(max = 253)
    @Required String key) {}
