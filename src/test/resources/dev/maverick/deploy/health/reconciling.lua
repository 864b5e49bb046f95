return {
  apiVersion = "maverick.dev/v1alpha1", kind = "EmbeddingPipeline",
  metadata = { name = "paperless-maverick", generation = 2 },
  spec = {},
  status = {
    observedGeneration = 2, phase = "Progressing",
    conditions = {
      { type = "Ready", status = "False", reason = "Progressing", message = "Waiting for app replicas" },
      { type = "Reconciling", status = "True", reason = "StageInProgress", message = "Stage internal: 1/3 app replicas ready" },
    },
  },
}
