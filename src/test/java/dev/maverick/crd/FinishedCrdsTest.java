package dev.maverick.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the finishing step adds to the generated CRDs, as the contract asks for it. */
class FinishedCrdsTest {
  private static final JsonNode PIPELINE = Crds.BY_KIND.get("EmbeddingPipeline");
  private static final JsonNode POLICY = Crds.BY_KIND.get("RolloutPolicy");

  @Test
  void bothKindsAreNamespacedWithTheirShortNamesCategoryAndStatusSubresource() {
    assertThat(PIPELINE.at("/spec/names/shortNames/0").asText()).isEqualTo("emb");
    assertThat(POLICY.at("/spec/names/shortNames/0").asText()).isEqualTo("rpol");
    for (JsonNode crd : List.of(PIPELINE, POLICY)) {
      assertThat(crd.at("/spec/group").asText()).isEqualTo("maverick.dev");
      assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
      assertThat(texts(crd.at("/spec/names/categories"))).containsExactly("maverick");
      assertThat(crd.at("/spec/versions/0/name").asText()).isEqualTo("v1alpha1");
      assertThat(crd.at("/spec/versions/0/subresources/status").isObject()).isTrue();
    }
  }

  @Test
  void pipelineColumnsAreInTheContractsOrder() {
    List<String> columns = new ArrayList<>();
    PIPELINE.at("/spec/versions/0/additionalPrinterColumns").forEach(column -> columns.add(column.path("name").asText()));
    assertThat(columns).containsExactly("Phase", "Stage", "App", "Worker", "Age");
  }

  @Test
  void statusDefaultsToObservedGenerationMinusOne() {
    for (JsonNode crd : List.of(PIPELINE, POLICY)) {
      JsonNode status = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/status");
      assertThat(status.path("default").toString()).isEqualTo("{\"observedGeneration\":-1}");
      assertThat(StructuralSchema.validateNode(status, status.path("default"))).isEmpty();
    }
  }

  /** The API server accepts only structural schemas: every node says its type. */
  @Test
  void everySchemaNodeHasAType() {
    for (JsonNode crd : List.of(PIPELINE, POLICY)) {
      List<String> untyped = new ArrayList<>();
      untypedNodes(crd.at("/spec/versions/0/schema/openAPIV3Schema"), "", untyped);
      assertThat(untyped).as(crd.at("/spec/names/kind").asText()).isEmpty();
    }
  }

  private static void untypedNodes(JsonNode schema, String path, List<String> untyped) {
    boolean exempt = schema.path("x-kubernetes-int-or-string").asBoolean()
        || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    if (!schema.has("type") && !exempt) {
      untyped.add(path);
    }
    schema.path("properties").fields().forEachRemaining(p -> untypedNodes(p.getValue(), path + "." + p.getKey(), untyped));
    if (schema.has("items")) {
      untypedNodes(schema.get("items"), path + "[]", untyped);
    }
    if (schema.path("additionalProperties").isObject()) {
      untypedNodes(schema.get("additionalProperties"), path + "{}", untyped);
    }
  }

  @Test
  void listsOfNamedEntriesAreMapsKeyedByName() {
    String spec = "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties";
    String stageItems = spec + "/stages/items/properties";
    for (JsonNode list : List.of(
        PIPELINE.at(spec + "/featureFlags"),
        POLICY.at(spec + "/stages"),
        POLICY.at(stageItems + "/flags"),
        POLICY.at(stageItems + "/gates"),
        POLICY.at(spec + "/triggers"))) {
      assertThat(list.path("x-kubernetes-list-type").asText()).isEqualTo("map");
      assertThat(texts(list.path("x-kubernetes-list-map-keys"))).containsExactly("name");
    }
  }

  @Test
  void theFilesSayHowToRegenerateThem() throws Exception {
    for (Path file : Crds.yamlFiles(Crds.COMMITTED)) {
      assertThat(Files.readString(file)).startsWith(CrdFinisher.HEADER).doesNotContain("manual edits");
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(element -> texts.add(element.asText()));
    return texts;
  }
}
