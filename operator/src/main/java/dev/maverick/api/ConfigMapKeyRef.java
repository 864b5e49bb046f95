package dev.maverick.api;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A key of a ConfigMap in the same namespace. */
public record ConfigMapKeyRef(
    @JsonPropertyDescription("Name of a ConfigMap in the same namespace; at most 253 characters.")
    @Size(max = 253)
    @Required String name,
    @JsonPropertyDescription("Key in the ConfigMap's data (a PEM CA bundle); at most 253 characters.")
    @Size(max = 253)
    @Required String key) {}
