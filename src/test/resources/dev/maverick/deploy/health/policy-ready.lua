return {
  apiVersion = "maverick.dev/v1alpha1", kind = "RolloutPolicy",
  metadata = { name = "standard-rollout", generation = 1 },
  spec = { prometheus = { url = "http://prometheus:9090" } },
  status = {
    observedGeneration = 1,
    conditions = { { type = "Ready", status = "True", reason = "Valid", message = "Policy is valid" } },
  },
}
