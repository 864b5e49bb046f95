package dev.maverick.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL types of a schema node, as the API server declares {@code self} when it compiles a rule:
 * an object with properties is a struct of its fields, a string map a map, an array a list,
 * int-or-string and free-form objects dyn. Type-checking a rule against them catches a misspelt
 * field or a comparison of unlike types, as the API server does when the CRD is applied.
 */
final class SchemaCelTypes implements CelTypeProvider {
  private final Map<String, CelType> structs = new LinkedHashMap<>();
  private final CelType root;

  SchemaCelTypes(String name, JsonNode schema) {
    this.root = typeOf(name, schema);
  }

  /** The type of the node the types were built from. */
  CelType root() {
    return root;
  }

  private CelType typeOf(String name, JsonNode schema) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
      return SimpleType.DYN;
    }
    return switch (schema.path("type").asText()) {
      case "string" -> SimpleType.STRING;
      case "integer" -> SimpleType.INT;
      case "number" -> SimpleType.DOUBLE;
      case "boolean" -> SimpleType.BOOL;
      case "array" -> ListType.create(typeOf(name + "_item", schema.path("items")));
      case "object" -> objectType(name, schema);
      default -> SimpleType.DYN;
    };
  }

  private CelType objectType(String name, JsonNode schema) {
    if (schema.path("properties").isObject()) {
      Map<String, CelType> fields = new LinkedHashMap<>();
      schema.path("properties").fields().forEachRemaining(property ->
          fields.put(property.getKey(), typeOf(name + "_" + property.getKey(), property.getValue())));
      StructType struct = StructType.create(name, ImmutableSet.copyOf(fields.keySet()),
          field -> Optional.ofNullable(fields.get(field)));
      structs.put(name, struct);
      return struct;
    }
    if (schema.path("additionalProperties").isObject()) {
      return MapType.create(SimpleType.STRING, typeOf(name + "_value", schema.path("additionalProperties")));
    }
    return SimpleType.DYN;
  }

  @Override
  public ImmutableCollection<CelType> types() {
    return ImmutableList.copyOf(structs.values());
  }

  @Override
  public Optional<CelType> findType(String typeName) {
    return Optional.ofNullable(structs.get(typeName));
  }
}
