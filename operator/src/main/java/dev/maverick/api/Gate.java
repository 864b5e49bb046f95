package dev.maverick.api;

import io.fabric8.generator.annotation.Required;

/** A metric check that must hold at the end of a stage's pause. */
public record Gate(@Required String name, @Required String query, @Required MetricCondition condition) {}
