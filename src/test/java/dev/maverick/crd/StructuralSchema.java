package dev.maverick.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CRD's openAPIV3Schema as a JSON Schema (draft 4, which OpenAPI v3 schemas follow), checked
 * the way the API server checks an object: Kubernetes extensions become plain JSON Schema, and an
 * unknown field is an error (the API server would prune it silently; kubectl's strict field
 * validation rejects it), so a typo in an example fails. Map lists must have unique keys.
 * CEL rules are left to {@link CelRule}.
 */
final class StructuralSchema {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
      .pathType(PathType.JSON_POINTER)
      .build();

  private final JsonNode openApiSchema;
  private final JsonSchema jsonSchema;

  StructuralSchema(JsonNode openApiSchema) {
    this.openApiSchema = openApiSchema;
    this.jsonSchema = FACTORY.getSchema(withObjectEnvelope(toJsonSchema(openApiSchema)), CONFIG);
  }

  /** The violations of a whole object (apiVersion, kind, metadata, spec, status); empty when valid. */
  List<String> validate(JsonNode object) {
    List<String> errors = new ArrayList<>();
    jsonSchema.validate(object).stream().map(ValidationMessage::getMessage).sorted().forEach(errors::add);
    duplicateMapKeys(openApiSchema, object, "", errors);
    return errors;
  }

  /** The violations of a value of one schema node (no object envelope), e.g. of a default. */
  static List<String> validateNode(JsonNode openApiNode, JsonNode value) {
    return FACTORY.getSchema(toJsonSchema(openApiNode), CONFIG).validate(value).stream()
        .map(ValidationMessage::getMessage)
        .toList();
  }

  /** The schema with Kubernetes' extensions translated and unknown fields forbidden. */
  static ObjectNode toJsonSchema(JsonNode openApi) {
    ObjectNode schema = JSON.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = openApi.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String keyword = field.getKey();
      JsonNode value = field.getValue();
      switch (keyword) {
        case "properties" -> {
          ObjectNode properties = schema.putObject("properties");
          value.fields().forEachRemaining(p -> properties.set(p.getKey(), toJsonSchema(p.getValue())));
        }
        case "items" -> schema.set("items", toJsonSchema(value));
        case "additionalProperties" -> schema.set("additionalProperties",
            value.isObject() ? toJsonSchema(value) : value);
        case "anyOf", "allOf", "oneOf" -> {
          ArrayNode alternatives = schema.putArray(keyword);
          value.forEach(alternative -> alternatives.add(toJsonSchema(alternative)));
        }
        case "not" -> schema.set("not", toJsonSchema(value));
        default -> {
          if (!keyword.startsWith("x-kubernetes-")) {
            schema.set(keyword, value);
          }
        }
      }
    }
    if (openApi.path("x-kubernetes-int-or-string").asBoolean()) {
      schema.remove("type");
      ArrayNode anyOf = schema.putArray("anyOf");
      anyOf.addObject().put("type", "integer");
      anyOf.addObject().put("type", "string");
    }
    boolean preserveUnknown = openApi.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    if ("object".equals(openApi.path("type").asText()) && !openApi.has("additionalProperties") && !preserveUnknown) {
      schema.put("additionalProperties", false);
    }
    return schema;
  }

  /** Adds what every object has besides spec and status; the API server validates metadata itself. */
  private static ObjectNode withObjectEnvelope(ObjectNode schema) {
    ObjectNode properties = (ObjectNode) schema.get("properties");
    properties.putObject("apiVersion").put("type", "string");
    properties.putObject("kind").put("type", "string");
    ObjectNode metadata = properties.putObject("metadata").put("type", "object");
    metadata.putObject("properties").putObject("name").put("type", "string").put("minLength", 1);
    metadata.putArray("required").add("name");
    ArrayNode required = schema.has("required") ? (ArrayNode) schema.get("required") : schema.putArray("required");
    required.add("apiVersion").add("kind").add("metadata");
    return schema;
  }

  private static void duplicateMapKeys(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (value.isArray()) {
      if ("map".equals(schema.path("x-kubernetes-list-type").asText())) {
        Set<List<String>> seen = new HashSet<>();
        for (JsonNode item : value) {
          List<String> key = new ArrayList<>();
          schema.path("x-kubernetes-list-map-keys").forEach(k -> key.add(item.path(k.asText()).asText()));
          if (!seen.add(key)) {
            errors.add(path + ": duplicate entry with key " + key);
          }
        }
      }
      for (int i = 0; i < value.size(); i++) {
        duplicateMapKeys(schema.path("items"), value.get(i), path + "/" + i, errors);
      }
    } else if (value.isObject()) {
      value.fields().forEachRemaining(field -> {
        JsonNode child = schema.path("properties").has(field.getKey())
            ? schema.path("properties").path(field.getKey())
            : schema.path("additionalProperties");
        duplicateMapKeys(child, field.getValue(), path + "/" + field.getKey(), errors);
      });
    }
  }
}
