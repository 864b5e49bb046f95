package dev.maverick.api;

import io.fabric8.generator.annotation.Required;

/** A key of a ConfigMap in the same namespace. */
public record ConfigMapKeyRef(@Required String name, @Required String key) {}
