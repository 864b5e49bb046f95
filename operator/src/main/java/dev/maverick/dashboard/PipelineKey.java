package dev.maverick.dashboard;

/** Identifies a pipeline in the history. */
public record PipelineKey(String namespace, String name) {}
