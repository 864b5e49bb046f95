package dev.maverick.api;

import io.fabric8.generator.annotation.Required;

/** A reference to an object in the same namespace. */
public record LocalObjectRef(@Required String name) {}
