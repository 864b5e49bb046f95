package dev.maverick.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * kubectl explain shows a CRD's descriptions: every property of both kinds must have one (written
 * with {@code @JsonPropertyDescription} on the api records), and what users may write is bounded.
 *
 * <p>Inside embedded Kubernetes types (env, envFrom, resources, conditions) the generator copies
 * fabric8's model, which carries no descriptions, and we do not copy Kubernetes' texts into ours:
 * the field that embeds such a type must say so, beginning its description with the type's
 * group/version and kind ({@code core/v1 EnvVar}, {@code metav1.Condition}), and what lies below it
 * is skipped here.
 */
class CrdDescriptionsTest {
  /** How a field that embeds a Kubernetes type begins its description: core/v1 EnvVar, networking.k8s.io/v1 ..., metav1.Condition. */
  private static final Pattern EMBEDS_KUBERNETES_TYPE = Pattern.compile("([a-z0-9.]+/v\\d\\w* [A-Z]|metav1\\.[A-Z])");

  @Test
  void everyPropertyOfBothKindsHasADescription() {
    for (String kind : Crds.BY_KIND.keySet()) {
      JsonNode root = Crds.openApiSchema(kind);
      List<String> undescribed = new ArrayList<>();
      if (!root.hasNonNull("description")) {
        undescribed.add("(the kind itself: @JsonClassDescription on the custom resource class)");
      }
      properties(root, "", (path, property) -> {
        if (property.path("description").asText().isBlank()) {
          undescribed.add(path);
        }
      });
      assertThat(undescribed)
          .as(kind + " properties without a description (add @JsonPropertyDescription to the api record's component)")
          .isEmpty();
    }
  }

  /**
   * Lists and maps bound the work of the API server's CEL rules and the operator's memory; strings
   * bound what lands in child objects and Prometheus queries. Enum strings are bounded by their
   * values; a list's or map's string elements by the list's bound (the generator cannot bound them).
   */
  @Test
  void whatUsersWriteIsBounded() {
    for (String kind : Crds.BY_KIND.keySet()) {
      List<String> unbounded = new ArrayList<>();
      properties(Crds.openApiSchema(kind).path("properties").path("spec"), "spec", (path, property) -> {
        String type = property.path("type").asText();
        if (type.equals("array") && !property.has("maxItems")
            || type.equals("object") && property.path("additionalProperties").isObject() && !property.has("maxProperties")
            || type.equals("string") && !property.has("enum") && !property.has("maxLength")) {
          unbounded.add(path);
        }
      });
      assertThat(unbounded).as(kind + " spec properties without maxItems/maxProperties/maxLength (@Size)").isEmpty();
    }
  }

  /** The bounds agree with what the operator's validators and the CEL cost budget expect. */
  @Test
  void boundsMatchTheValidatorsAndTheCelBudget() {
    JsonNode pipeline = Crds.openApiSchema("EmbeddingPipeline").path("properties").path("spec").path("properties");
    JsonNode flag = pipeline.at("/featureFlags/items/properties");
    assertThat(flag.at("/name/maxLength").asInt()).as("PipelineValidator's flag name limit").isEqualTo(63);
    assertThat(pipeline.at("/featureFlags/maxItems").asInt()).isEqualTo(128);
    assertThat(flag.at("/targetTeams/maxItems").asInt()).isEqualTo(64);
    assertThat(flag.at("/params/maxProperties").asInt()).isEqualTo(64);
    for (String component : List.of("app", "worker")) {
      JsonNode spec = pipeline.path(component).path("properties");
      assertThat(spec.at("/image/maxLength").asInt()).isEqualTo(1024);
      assertThat(spec.at("/env/maxItems").asInt()).isEqualTo(256);
      assertThat(spec.at("/envFrom/maxItems").asInt()).isEqualTo(64);
    }
    JsonNode policy = Crds.openApiSchema("RolloutPolicy").path("properties").path("spec").path("properties");
    assertThat(policy.at("/triggers/maxItems").asInt()).as("CelCostBudgetTest relies on it").isEqualTo(64);
    assertThat(policy.at("/triggers/items/properties/actions/maxItems").asInt()).isEqualTo(16);
    assertThat(policy.at("/triggers/items/properties/query/maxLength").asInt()).isEqualTo(8192);
    assertThat(policy.at("/triggers/items/properties/actions/items/properties/flag/maxLength").asInt()).isEqualTo(63);
    assertThat(policy.at("/stages/maxItems").asInt()).as("CelCostBudgetTest relies on it").isEqualTo(64);
    assertThat(policy.at("/stages/items/properties/flags/maxItems").asInt()).isEqualTo(128);
    assertThat(policy.at("/stages/items/properties/gates/maxItems").asInt()).isEqualTo(16);
    assertThat(policy.at("/notifications/maxItems").asInt()).isEqualTo(8);
    assertThat(policy.at("/prometheus/properties/url/maxLength").asInt()).isEqualTo(2048);
  }

  /**
   * Visits every property below {@code schema} with its path (not list items or map values, which
   * their list or map describes), and not the inside of embedded Kubernetes types.
   */
  private static void properties(JsonNode schema, String path, BiConsumer<String, JsonNode> visitor) {
    List<String> embedded = new ArrayList<>();
    CelRule.walk(schema, path, (node, nodePath) -> {
      boolean inside = embedded.stream().anyMatch(outer ->
          nodePath.startsWith(outer + ".") || nodePath.startsWith(outer + "[") || nodePath.startsWith(outer + "{"));
      if (inside || nodePath.equals(path) || nodePath.endsWith("[]") || nodePath.endsWith("{}")) {
        return;
      }
      visitor.accept(nodePath, node);
      if (EMBEDS_KUBERNETES_TYPE.matcher(node.path("description").asText()).lookingAt()) {
        embedded.add(nodePath);
      }
    });
  }
}
