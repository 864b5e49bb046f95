return {
  apiVersion = "maverick.dev/v1alpha1", kind = "EmbeddingPipeline",
  metadata = { name = "paperless-maverick", generation = 2 },
  spec = { paused = false },
  status = {
    observedGeneration = 2, phase = "Healthy",
    conditions = {
      { type = "Ready", status = "True", reason = "Healthy", message = "Stage quarter: 3/3 app, 2/2 worker replicas ready" },
      { type = "Reconciling", status = "False", reason = "Converged", message = "" },
    },
  },
}
