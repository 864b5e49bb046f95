package dev.maverick.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maverick.api.ComponentSpec;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * API.md's Pod Security Standard "restricted" defaults, with the user's fields merged over them field by
 * field (a user field wins, nested objects merge, lists replace). A user setting that the restricted
 * profile forbids (privileged: true, ...) is passed through: the namespace's admission decides.
 */
final class SecurityContexts {
  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private SecurityContexts() {
  }

  static PodSecurityContext pod(ComponentSpec spec) {
    PodSecurityContext defaults = new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
    return merge(defaults, spec.podSecurityContext(), PodSecurityContext.class);
  }

  static SecurityContext container(ComponentSpec spec) {
    SecurityContext defaults = new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .build();
    return merge(defaults, spec.securityContext(), SecurityContext.class);
  }

  private static <T> T merge(T defaults, T user, Class<T> type) {
    if (user == null) {
      return defaults;
    }
    ObjectNode merged = JSON.valueToTree(defaults);
    mergeInto(merged, JSON.valueToTree(user));
    return JSON.convertValue(merged, type);
  }

  private static void mergeInto(ObjectNode target, JsonNode overlay) {
    overlay.fields().forEachRemaining(field -> {
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
        mergeInto(existingObject, field.getValue());
      } else {
        target.set(field.getKey(), field.getValue());
      }
    });
  }
}
