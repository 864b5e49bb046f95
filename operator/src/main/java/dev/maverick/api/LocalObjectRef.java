package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A reference to an object in the same namespace. */
public record LocalObjectRef(
    @JsonPropertyDescription("Name of the object, in the same namespace; at most 253 characters.")
    @Size(max = 253)
    @Required String name) {}
