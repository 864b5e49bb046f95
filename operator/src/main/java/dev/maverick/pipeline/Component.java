package dev.maverick.pipeline;

import dev.maverick.api.ComponentSpec;
import dev.maverick.api.EmbeddingPipelineSpec;

/** The two workloads of a pipeline. */
public enum Component {
  APP("app"),
  WORKER("worker");

  private final String label;

  Component(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public ComponentSpec spec(EmbeddingPipelineSpec spec) {
    return this == APP ? spec.app() : spec.worker();
  }
}
