package dev.maverick.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Optional;

/**
 * One of our kinds as read from the API. Its spec and status are read leniently: a value that does
 * not fit the operator's types leaves that part null and is recorded, instead of failing the
 * informer (which would stop the whole operator). Reconcilers stall such an object.
 */
// not a HasMetadata: Jackson would take that interface's deserializer (by kind) over CustomResource's
public interface StoredObject {
  /** The reason of the conditions and Warning Event of an object with a field the operator cannot read. */
  String UNREADABLE = "Unreadable";

  /** The first field of the spec or status that could not be read; empty when all was read. */
  Optional<UnreadableField> unreadable();

  /** Keeps what {@code source} could not read; for copies, which are made by serialization. */
  void keepUnreadable(StoredObject source);

  /** The result of reading one part (spec or status). */
  record Part<T>(T value, UnreadableField unreadable) {
    /** Configured as fabric8 configures its own (the Kubernetes types' modules), kept to read trees directly. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
      new KubernetesSerialization(MAPPER, true);
    }

    /**
     * Reads {@code json} (found at {@code root}, e.g. "spec") as {@code type}, never throwing. From the
     * tree itself: {@code convertValue} first wrote the tree out to a buffer, for every watch event and
     * every copy of a pipeline.
     */
    static <T> Part<T> read(JsonNode json, Class<T> type, String root) {
      if (json == null || json.isNull()) {
        return new Part<>(null, null);
      }
      try {
        return new Part<>(MAPPER.treeToValue(json, type), null);
      } catch (JsonProcessingException | RuntimeException e) {
        return new Part<>(null, UnreadableField.of(root, json, e));
      }
    }
  }
}
