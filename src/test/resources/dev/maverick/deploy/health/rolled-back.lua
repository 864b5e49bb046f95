return {
  apiVersion = "maverick.dev/v1alpha1", kind = "EmbeddingPipeline",
  metadata = { name = "paperless-maverick", generation = 4 },
  spec = {},
  status = {
    observedGeneration = 4, phase = "RolledBack",
    conditions = {
      { type = "Ready", status = "False", reason = "RolledBack", message = "FullRollback by trigger systemErrorRate (0.23 > 0.1 for 5m)" },
    },
  },
}
