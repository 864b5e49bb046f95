package dev.maverick.cli;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A value of the wrong type in a resource, said in the resource's terms: the field path, the type
 * the field takes and the value given (e.g. {@code spec.app.replicas.min: expected an integer, got
 * "three"}), never a Java class name.
 */
final class FieldTypeError {
  private FieldTypeError() {}

  /** The message for a mapping failure of {@code source}; null when the failure is not about one field. */
  static String describe(JsonMappingException e, JsonNode source) {
    if (e.getPath().isEmpty()) {
      return null;
    }
    StringBuilder path = new StringBuilder();
    JsonNode given = source;
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
        given = given == null ? null : given.get(reference.getFieldName());
      } else {
        path.append('[').append(reference.getIndex()).append(']');
        given = given == null ? null : given.get(reference.getIndex());
      }
    }
    Class<?> expected = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
        ? mismatch.getTargetType() : null;
    String message = path + ": expected " + (expected == null ? "another type" : typeName(expected));
    return given == null ? message : message + ", got " + valueName(given);
  }

  private static String typeName(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class
        || type == Short.class || type == short.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
          .collect(Collectors.joining(", "));
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return Map.class.isAssignableFrom(type) ? "a map" : "an object";
  }

  private static String valueName(JsonNode value) {
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "a list";
    }
    return value.isTextual() ? value.toString() : value.asText();
  }
}
