package dev.maverick.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code x-kubernetes-validations} rule at the schema node where it sits, evaluated with CEL
 * as the API server does: {@code self} is that node's value, typed from that node's schema.
 *
 * @param kind the CRD's kind
 * @param path where the rule sits, e.g. {@code spec.app.replicas} ({@code []} marks list items)
 * @param schema the schema node the rule sits on
 */
record CelRule(String kind, String path, String rule, String message, JsonNode schema) {
  // The standard macros (has, all, exists, ...), the strings library and the parts of the API
  // server's Kubernetes libraries the rules use: regex findAll and list sum (for double lists).
  private static final List<CelFunctionDecl> KUBERNETES_FUNCTIONS = List.of(
      CelFunctionDecl.newFunctionDeclaration("findAll", CelOverloadDecl.newMemberOverload("string_find_all_string",
          ListType.create(SimpleType.STRING), SimpleType.STRING, SimpleType.STRING)),
      CelFunctionDecl.newFunctionDeclaration("sum", CelOverloadDecl.newMemberOverload("list_double_sum",
          SimpleType.DOUBLE, ListType.create(SimpleType.DOUBLE))));
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
      .addLibraries(CelExtensions.strings())
      .addFunctionBindings(
          CelFunctionBinding.from("string_find_all_string", String.class, String.class, (text, regex) -> {
            List<String> found = new ArrayList<>();
            Matcher matcher = Pattern.compile(regex).matcher(text);
            while (matcher.find()) {
              found.add(matcher.group());
            }
            return found;
          }),
          CelFunctionBinding.from("list_double_sum", List.class,
              list -> ((List<?>) list).stream().mapToDouble(v -> (Double) v).sum()))
      .build();
  private static final Map<CelRule, Compiled> COMPILED = new ConcurrentHashMap<>();

  /** Every rule of a schema, found by walking it, so that a new rule is covered without listing it. */
  static List<CelRule> collect(String kind, JsonNode openApiSchema) {
    List<CelRule> rules = new ArrayList<>();
    walk(openApiSchema, "", (node, path) -> node.path("x-kubernetes-validations").forEach(validation ->
        rules.add(new CelRule(kind, path, validation.path("rule").asText(), validation.path("message").asText(), node))));
    return rules;
  }

  /** Visits every schema node, parents before children; {@code []} marks list items, {@code {}} map values. */
  static void walk(JsonNode schema, String path, BiConsumer<JsonNode, String> visitor) {
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
      Object result = program().eval(Map.of("self", toCel(self, schema)));
      if (!(result instanceof Boolean holds)) {
        throw new AssertionError(this + " evaluated to " + result + ", not a bool");
      }
      return holds;
    } catch (CelEvaluationException e) {
      throw new AssertionError(this + " failed for " + self + ": " + e.getMessage(), e);
    }
  }

  /** The rule compiled with {@code self} typed from its schema node, as the API server compiles it. */
  CelAbstractSyntaxTree ast() {
    return compiled().ast();
  }

  CelRuntime.Program program() {
    return compiled().program();
  }

  private Compiled compiled() {
    return COMPILED.computeIfAbsent(this, key -> {
      SchemaCelTypes types = new SchemaCelTypes("self_" + kind + "_" + path.replaceAll("\\W", "_"), schema);
      CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addLibraries(CelExtensions.strings())
          .addFunctionDeclarations(KUBERNETES_FUNCTIONS)
          .setTypeProvider(types)
          .addVar("self", types.root())
          .build();
      try {
        CelAbstractSyntaxTree ast = compiler.compile(rule).getAst();
        return new Compiled(ast, RUNTIME.createProgram(ast));
      } catch (CelValidationException | CelEvaluationException e) {
        throw new AssertionError(this + " does not compile: " + e.getMessage(), e);
      }
    });
  }

  private record Compiled(CelAbstractSyntaxTree ast, CelRuntime.Program program) {}

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

  /** JSON as CEL sees it at a schema node: objects are maps, integer is int (Long), number double. */
  static Object toCel(JsonNode value, JsonNode schema) {
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      value.fields().forEachRemaining(field -> {
        JsonNode fieldSchema = schema.path("properties").has(field.getKey())
            ? schema.path("properties").path(field.getKey())
            : schema.path("additionalProperties");
        map.put(field.getKey(), toCel(field.getValue(), fieldSchema));
      });
      return map;
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>();
      value.forEach(element -> list.add(toCel(element, schema.path("items"))));
      return list;
    }
    if (value.isNumber() && (!value.isIntegralNumber() || "number".equals(schema.path("type").asText()))) {
      return value.asDouble();
    }
    if (value.isNumber()) {
      return value.asLong();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    return value.asText();
  }

  @Override
  public String toString() {
    return kind + " " + (path.isEmpty() ? "<root>" : path) + ": " + rule;
  }
}
