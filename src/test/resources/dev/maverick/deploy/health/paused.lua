return {
  apiVersion = "maverick.dev/v1alpha1", kind = "EmbeddingPipeline",
  metadata = { name = "paperless-maverick", generation = 6 },
  spec = { paused = true },
  status = {
    observedGeneration = 6, phase = "Healthy",
    conditions = { { type = "Ready", status = "True", reason = "Healthy", message = "All replicas ready" } },
  },
}
