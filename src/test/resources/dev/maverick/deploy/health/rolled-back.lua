return {
  apiVersion = "maverick.dev/v1alpha1", kind = "EmbeddingPipeline",
  metadata = { name = "paperless-maverick", generation = 4 },
  spec = {},
  status = {
    observedGeneration = 4, phase = "RolledBack",
    conditions = {
      { type = "Ready", status = "False", reason = "RolledBack", message = "FullRollback by systemErrorRate: rolled back to the stable revision" },
      { type = "Reconciling", status = "False", reason = "RolledBack", message = "FullRollback by systemErrorRate: rolled back to the stable revision" },
      { type = "Stalled", status = "True", reason = "RolledBack", message = "FullRollback by systemErrorRate: rolled back to the stable revision" },
    },
  },
}
