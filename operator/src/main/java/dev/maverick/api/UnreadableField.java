package dev.maverick.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A field of a stored object that does not fit the operator's types (a value a newer CRD allows,
 * or one written past the schema): its path, the value found there and what was expected.
 */
public record UnreadableField(String path, String value, String expected) {
  private static final int VALUE_SHOWN = 120;

  /** For the status and the Warning Event, e.g. {@code spec.triggers[0].actions[0].type: cannot read "Page", expected one of ...}. */
  public String message() {
    return path + ": cannot read " + value + ", expected " + expected;
  }

  /** Describes why {@code json}, found at {@code root}, could not be read. */
  static UnreadableField of(String root, JsonNode json, Throwable error) {
    Throwable cause = error;
    while (cause != null && !(cause instanceof JsonMappingException)) {
      cause = cause.getCause();
    }
    if (!(cause instanceof JsonMappingException mapping)) {
      return new UnreadableField(root, shown(json), "a value the operator can read");
    }
    StringBuilder path = new StringBuilder(root);
    JsonNode at = json;
    for (JsonMappingException.Reference step : mapping.getPath()) {
      if (step.getFieldName() != null) {
        path.append('.').append(step.getFieldName());
        at = at.path(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        path.append('[').append(step.getIndex()).append(']');
        at = at.path(step.getIndex());
      }
    }
    return new UnreadableField(path.toString(), shown(at), expected(mapping));
  }

  private static String expected(JsonMappingException mapping) {
    if (mapping instanceof ValueInstantiationException instantiation) {
      return "a valid value of the schema";
    }
    if (mapping instanceof InvalidFormatException format && format.getTargetType() != null) {
      return describe(format.getTargetType());
    }
    if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return describe(mismatch.getTargetType());
    }
    return "a value of the operator's schema";
  }

  private static String describe(Class<?> type) {
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "an object of keys and values";
    }
    return "an object"; // never a Java class name: users know the schema, not the code
  }

  private static String shown(JsonNode value) {
    String text = value == null || value.isMissingNode() ? "(nothing)" : value.toString();
    return text.length() <= VALUE_SHOWN ? text : text.substring(0, VALUE_SHOWN) + "...";
  }
}
