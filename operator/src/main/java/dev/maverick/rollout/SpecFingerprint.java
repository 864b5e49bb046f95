package dev.maverick.rollout;

import dev.maverick.fingerprint.ShortHash;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.maverick.api.EmbeddingPipelineSpec;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * A fingerprint of what a rollout depends on: the pipeline spec without {@code paused}, so that
 * pausing and resuming (which bumps metadata.generation) neither restarts the stages nor clears
 * overrides. Stable across JVMs: map entries are written sorted by key.
 */
final class SpecFingerprint {
  private static final ObjectMapper CANONICAL =
      Serialization.jsonMapper().copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private SpecFingerprint() {}

  static String of(EmbeddingPipelineSpec spec) {
    EmbeddingPipelineSpec withoutPause = spec.withPaused(null);
    try {
      // through plain maps so that ORDER_MAP_ENTRIES_BY_KEYS applies at every level
      Object tree = CANONICAL.convertValue(withoutPause, Object.class);
      return ShortHash.of(CANONICAL.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot fingerprint the pipeline spec", e);
    }
  }
}
