return {
  apiVersion = "maverick.dev/v1alpha1", kind = "EmbeddingPipeline",
  metadata = { name = "paperless-maverick", namespace = "paperless-maverick", generation = 1 },
  spec = { app = { image = "registry.example/paperless-maverick:1.4.0" } },
}
