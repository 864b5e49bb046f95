package dev.maverick.flags;

import dev.maverick.api.EmbeddingPipeline;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The Paperless Maverick pipeline of API.md, loaded from YAML as a user would write it. */
final class PaperlessPipeline {
  static final String NAMESPACE = "paperless-maverick";
  static final String NAME = "paperless-maverick";

  private PaperlessPipeline() {}

  static EmbeddingPipeline load() {
    try (InputStream yaml = PaperlessPipeline.class.getResourceAsStream("paperless-maverick.yaml")) {
      return Serialization.unmarshal(yaml, EmbeddingPipeline.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
