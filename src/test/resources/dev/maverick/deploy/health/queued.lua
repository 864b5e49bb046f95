return {
  apiVersion = "maverick.dev/v1alpha1", kind = "EmbeddingPipeline",
  metadata = { name = "paperless-maverick", generation = 3 },
  spec = {},
  status = {
    observedGeneration = 3, phase = "Queued",
    conditions = {
      { type = "Ready", status = "False", reason = "WaitingForRolloutSlot", message = "waiting for a rollout slot: 5 of 5 in use by policy standard-rollout; app 3/3 ready, worker 2/2 ready" },
      { type = "Reconciling", status = "True", reason = "Queued", message = "waiting for a rollout slot: 5 of 5 in use by policy standard-rollout" },
      { type = "Stalled", status = "False", reason = "Progressing", message = "no action needed" },
    },
  },
}
