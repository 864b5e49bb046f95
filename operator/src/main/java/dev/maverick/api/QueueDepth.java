package dev.maverick.api;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** An External metric the worker HPA scales on: the target average queue depth per pod. */
public record QueueDepth(@Required String metric, @Required @Min(1) Integer averageValue) {}
