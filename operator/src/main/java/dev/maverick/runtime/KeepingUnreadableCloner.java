package dev.maverick.runtime;

import dev.maverick.api.StoredObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.Cloner;

/**
 * JOSDK's cloning (by serialization), keeping the record of fields that could not be read: the
 * copy of an unreadable object must still say which field and value, or it would only look empty.
 */
final class KeepingUnreadableCloner implements Cloner {
  private final KubernetesSerialization serialization;

  KeepingUnreadableCloner(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  @Override
  public <R extends HasMetadata> R clone(R object) {
    R copy = serialization.clone(object);
    if (object instanceof StoredObject source && copy instanceof StoredObject target) {
      target.keepUnreadable(source);
    }
    return copy;
  }
}
