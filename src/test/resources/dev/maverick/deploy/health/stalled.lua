return {
  apiVersion = "maverick.dev/v1alpha1", kind = "EmbeddingPipeline",
  metadata = { name = "paperless-maverick", generation = 5 },
  spec = {},
  status = {
    observedGeneration = 5, phase = "Invalid",
    conditions = {
      { type = "Ready", status = "False", reason = "InvalidSpec", message = "invalid spec" },
      { type = "Stalled", status = "True", reason = "InvalidSpec", message = "spec.rolloutPolicyRef: RolloutPolicy standard-rollout not found in namespace paperless-maverick" },
    },
  },
}
