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
