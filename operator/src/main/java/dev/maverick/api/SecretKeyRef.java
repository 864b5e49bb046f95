package dev.maverick.api;

import io.fabric8.generator.annotation.Required;

/** A key of a Secret in the same namespace. */
public record SecretKeyRef(@Required String name, @Required String key) {}
