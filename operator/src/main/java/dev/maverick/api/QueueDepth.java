package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** An External metric the worker HPA scales on: the target average queue depth per pod. */
public record QueueDepth(
    @JsonPropertyDescription("Name of the External metric (served by the cluster's external metrics API), e.g. embedding_queue_depth; at most 253 characters.")
    @Size(max = 253)
    @Required String metric,
    @JsonPropertyDescription("Target average value of the metric per pod, >= 1.")
    @Required @Min(1) Integer averageValue) {}
