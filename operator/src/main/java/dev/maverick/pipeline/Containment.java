package dev.maverick.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether a live object already has every field a desired object sets. Fields the API server
 * adds (defaults, clusterIP, ...) do not count as a difference, so a real cluster's defaulting
 * never causes a write loop; quantities compare by amount ("0.5" equals "500m").
 */
final class Containment {
  private Containment() {}

  static boolean contains(JsonNode live, JsonNode desired) {
    if (desired == null || desired.isNull() || desired.isMissingNode()) {
      return true;
    }
    if (desired.isContainerNode() && desired.isEmpty() && (live == null || live.isMissingNode() || live.isNull())) {
      return true;
    }
    if (live == null || live.isMissingNode() || live.isNull()) {
      return false;
    }
    if (desired.isObject()) {
      if (!live.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
        var field = it.next();
        if (!contains(live.path(field.getKey()), field.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!live.isArray() || live.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!contains(live.get(i), desired.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired.isNumber() && live.isNumber()) {
      return desired.decimalValue().compareTo(live.decimalValue()) == 0;
    }
    if (desired.equals(live)) {
      return true;
    }
    return desired.isTextual() && live.isTextual() && sameQuantity(desired.asText(), live.asText());
  }

  private static boolean sameQuantity(String a, String b) {
    try {
      return Quantity.getAmountInBytes(new Quantity(a)).compareTo(Quantity.getAmountInBytes(new Quantity(b))) == 0;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false;
    }
  }
}
