package dev.maverick.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maverick.testing.ExternalTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the Argo CD resource actions of deploy/argocd/actions with the real lua5.4 the way Argo CD
 * runs configured actions: {@code obj} is the live object, only the base, table and a safe os
 * library are open, discovery returns the action list and each action returns the modified object.
 */
class ArgoCdActionsTest {
  static final Path ACTIONS = Path.of("deploy/argocd/actions");
  static final Path DRIVER = Path.of("src/test/resources/dev/maverick/deploy/actions/driver.lua");
  static final List<String> NAMES = List.of("abort", "promote", "retry", "rollback");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path temp;

  @Test
  void discoveryListsTheFourManualControlsWithPromoteWhileAStageRuns() {
    JsonNode actions = run(ACTIONS.resolve("discovery.lua"), pipeline("internal", "7"));
    assertThat(fieldNames(actions)).containsExactlyElementsOf(NAMES);
    NAMES.forEach(name -> assertThat(actions.path(name).path("disabled").asBoolean(false)).as(name).isFalse());
    actions.forEach(action -> assertThat(action.path("displayName").asText()).isNotBlank());
  }

  @Test
  void promoteIsDisabledWhenNoStageRuns() {
    JsonNode complete = run(ACTIONS.resolve("discovery.lua"), pipeline("Complete", "7"));
    assertThat(complete.path("promote").path("disabled").asBoolean()).isTrue();
    assertThat(complete.path("rollback").path("disabled").asBoolean(false)).isFalse();

    ObjectNode fresh = pipeline("internal", "1");
    fresh.remove("status");
    assertThat(run(ACTIONS.resolve("discovery.lua"), fresh).path("promote").path("disabled").asBoolean()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abort", "promote", "retry", "rollback"})
  void eachActionSetsItsAnnotationToANewValueAndChangesNothingElse(String name) {
    ObjectNode live = pipeline("internal", "7");
    ((ObjectNode) live.path("metadata")).putObject("annotations").put("team", "search");

    JsonNode changed = run(ACTIONS.resolve(name).resolve("action.lua"), live);

    String annotation = "maverick.dev/" + name;
    String value = changed.path("metadata").path("annotations").path(annotation).asText();
    assertThat(value).as("a new value: time and resourceVersion").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ/7");
    assertThat(changed.path("metadata").path("annotations").path("team").asText()).isEqualTo("search");
    ObjectNode withoutIt = changed.deepCopy();
    ((ObjectNode) withoutIt.path("metadata").path("annotations")).remove(annotation);
    assertThat(withoutIt).isEqualTo(live);

    // the next click on the updated object (new resourceVersion) differs, so the operator acts again
    ((ObjectNode) changed.path("metadata")).put("resourceVersion", "8");
    String next = run(ACTIONS.resolve(name).resolve("action.lua"), changed)
        .path("metadata").path("annotations").path(annotation).asText();
    assertThat(next).isNotEqualTo(value);
  }

  @Test
  void anObjectWithoutAnnotationsGetsThem() {
    JsonNode changed = run(ACTIONS.resolve("rollback/action.lua"), pipeline("internal", "3"));
    assertThat(fieldNames(changed.path("metadata").path("annotations"))).containsExactly("maverick.dev/rollback");
  }

  @Test
  void argocdConfigMapEmbedsTheScriptsVerbatim() throws IOException {
    JsonNode configMap = Yaml.file(Path.of("examples/gitops/argocd/argocd-cm.yaml"));
    JsonNode actions = Yaml.MAPPER.readTree(
        configMap.path("data").path("resource.customizations.actions.maverick.dev_EmbeddingPipeline").asText());
    assertThat(actions.path("discovery.lua").asText()).isEqualTo(Files.readString(ACTIONS.resolve("discovery.lua")));
    Map<String, String> definitions = new TreeMap<>();
    actions.path("definitions").forEach(d -> definitions.put(d.path("name").asText(), d.path("action.lua").asText()));
    assertThat(definitions.keySet()).containsExactlyElementsOf(NAMES);
    for (String name : NAMES) {
      assertThat(definitions.get(name)).as(name).isEqualTo(Files.readString(ACTIONS.resolve(name).resolve("action.lua")));
    }
  }

  private static ObjectNode pipeline(String stage, String resourceVersion) {
    ObjectNode pipeline = (ObjectNode) Yaml.file(Path.of("examples/paperless-maverick/pipeline.yaml"));
    ((ObjectNode) pipeline.path("metadata")).put("resourceVersion", resourceVersion).put("generation", 2);
    ObjectNode status = pipeline.putObject("status");
    status.put("observedGeneration", 2).put("phase", "Progressing");
    status.putObject("stage").put("index", 0).put("name", stage).put("startedAt", "2026-12-01T10:00:00Z");
    return pipeline;
  }

  private JsonNode run(Path script, JsonNode object) {
    Path fixture = temp.resolve("object.lua");
    try {
      Files.writeString(fixture, "return " + lua(object) + "\n");
      String output = ProcessResult.run(List.of(ExternalTools.require("lua5.4").toString(), DRIVER.toString(),
          script.toString(), fixture.toString())).assertSuccess().stdout();
      return withEmptyListsAsObjects(JSON.readTree(output), object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lua cannot tell an empty list from an empty map; Argo CD restores the original's shape, and so do we. */
  private static JsonNode withEmptyListsAsObjects(JsonNode result, JsonNode original) {
    if (result.isObject() && original.isObject()) {
      ObjectNode copy = (ObjectNode) result;
      original.fieldNames().forEachRemaining(name -> {
        JsonNode value = copy.get(name);
        if (value != null && value.isContainerNode() && value.isEmpty()) {
          copy.set(name, original.get(name));
        } else if (value != null) {
          copy.set(name, withEmptyListsAsObjects(value, original.get(name)));
        }
      });
    }
    return result;
  }

  /** The object as a Lua table constructor. */
  static String lua(JsonNode node) {
    if (node.isObject()) {
      List<String> fields = new ArrayList<>();
      node.fields().forEachRemaining(field -> {
        if (!field.getValue().isNull()) {
          fields.add("[" + luaString(field.getKey()) + "] = " + lua(field.getValue()));
        }
      });
      return "{" + String.join(", ", fields) + "}";
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(lua(item)));
      return "{" + String.join(", ", items) + "}";
    }
    if (node.isTextual()) {
      return luaString(node.asText());
    }
    return node.isNull() ? "nil" : node.toString();
  }

  private static String luaString(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\' || c < 0x20) {
        quoted.append('\\').append(String.format("%03d", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names.stream().sorted().toList();
  }
}
