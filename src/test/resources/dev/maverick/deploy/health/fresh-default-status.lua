-- What the CRD's status default gives a new object before the operator has seen it.
return {
  apiVersion = "maverick.dev/v1alpha1", kind = "RolloutPolicy",
  metadata = { name = "standard-rollout", generation = 1 },
  spec = { prometheus = { url = "http://prometheus:9090" } },
  status = { observedGeneration = -1 },
}
