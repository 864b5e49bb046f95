package dev.maverick.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** What of one stored object's spec and status could not be read; kept by both kinds. */
final class UnreadableParts {
  private UnreadableField spec;
  private UnreadableField status;

  /** The spec read from {@code json}, or null (and recorded) when it does not fit {@code type}. */
  <T> T spec(JsonNode json, Class<T> type) {
    StoredObject.Part<T> part = StoredObject.Part.read(json, type, "spec");
    spec = part.unreadable();
    return part.value();
  }

  /** The status read from {@code json}, or null (and recorded) when it does not fit {@code type}. */
  <T> T status(JsonNode json, Class<T> type) {
    StoredObject.Part<T> part = StoredObject.Part.read(json, type, "status");
    status = part.unreadable();
    return part.value();
  }

  Optional<UnreadableField> first() {
    return Optional.ofNullable(spec).or(() -> Optional.ofNullable(status));
  }

  void copyFrom(UnreadableParts other) {
    spec = other.spec;
    status = other.status;
  }
}
