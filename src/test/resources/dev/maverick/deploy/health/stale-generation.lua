return {
  apiVersion = "maverick.dev/v1alpha1", kind = "EmbeddingPipeline",
  metadata = { name = "paperless-maverick", generation = 3 },
  spec = {},
  status = {
    observedGeneration = 2, phase = "Healthy",
    conditions = { { type = "Ready", status = "True", reason = "Healthy", message = "All replicas ready" } },
  },
}
