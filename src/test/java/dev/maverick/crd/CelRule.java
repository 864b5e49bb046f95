package dev.maverick.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One {@code x-kubernetes-validations} rule at the schema node where it sits, evaluated with CEL
 * as the API server does: {@code self} is that node's value.
 *
 * @param kind the CRD's kind
 * @param path where the rule sits, e.g. {@code spec.app.replicas} ({@code []} marks list items)
 */
record CelRule(String kind, String path, String rule, String message) {
  // The standard macros (has, all, exists, ...) and the strings library, as the API server offers.
  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addLibraries(CelExtensions.strings())
      .addVar("self", SimpleType.DYN)
      .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
      .addLibraries(CelExtensions.strings())
      .build();

  /** Every rule of a schema, found by walking it, so that a new rule is covered without listing it. */
  static List<CelRule> collect(String kind, JsonNode openApiSchema) {
    List<CelRule> rules = new ArrayList<>();
    walk(openApiSchema, "", (node, path) -> node.path("x-kubernetes-validations").forEach(validation ->
        rules.add(new CelRule(kind, path, validation.path("rule").asText(), validation.path("message").asText()))));
    return rules;
  }

  private static void walk(JsonNode schema, String path, BiConsumer<JsonNode, String> visitor) {
    visitor.accept(schema, path);
    schema.path("properties").fields().forEachRemaining(property ->
        walk(property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), visitor));
    if (schema.has("items")) {
      walk(schema.get("items"), path + "[]", visitor);
    }
    if (schema.path("additionalProperties").isObject()) {
      walk(schema.get("additionalProperties"), path + "{}", visitor);
    }
  }

  /** Whether the rule holds for {@code self}; throws when it does not compile or evaluate. */
  boolean holdsFor(JsonNode self) {
    try {
      CelAbstractSyntaxTree ast = COMPILER.compile(rule).getAst();
      Object result = RUNTIME.createProgram(ast).eval(Map.of("self", toCel(self)));
      if (!(result instanceof Boolean holds)) {
        throw new AssertionError(this + " evaluated to " + result + ", not a bool");
      }
      return holds;
    } catch (CelValidationException | CelEvaluationException e) {
      throw new AssertionError(this + " failed for " + self + ": " + e.getMessage(), e);
    }
  }

  /** Every rule that sits on a node of {@code object} that it does not hold for, as a message. */
  static List<String> violations(List<CelRule> rules, JsonNode object) {
    List<String> violations = new ArrayList<>();
    for (CelRule rule : rules) {
      valuesAt(object, rule.path().isEmpty() ? List.of() : List.of(rule.path().split("\\.")), 0).forEach(value -> {
        if (!rule.holdsFor(value)) {
          violations.add(rule.path() + ": " + rule.message() + " (" + rule.rule() + ")");
        }
      });
    }
    return violations;
  }

  private static List<JsonNode> valuesAt(JsonNode value, List<String> segments, int index) {
    if (value.isMissingNode() || value.isNull()) {
      return List.of();
    }
    if (index == segments.size()) {
      return List.of(value);
    }
    String segment = segments.get(index);
    if (segment.endsWith("[]") || segment.endsWith("{}")) {
      JsonNode container = value.path(segment.substring(0, segment.length() - 2));
      List<JsonNode> values = new ArrayList<>();
      container.elements().forEachRemaining(element -> values.addAll(valuesAt(element, segments, index + 1)));
      return values;
    }
    return valuesAt(value.path(segment), segments, index + 1);
  }

  /** JSON as CEL sees it: objects are maps, integers are int (Long), other numbers double. */
  static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(field -> map.put(field.getKey(), toCel(field.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(element -> list.add(toCel(element)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }

  @Override
  public String toString() {
    return kind + " " + (path.isEmpty() ? "<root>" : path) + ": " + rule;
  }
}
